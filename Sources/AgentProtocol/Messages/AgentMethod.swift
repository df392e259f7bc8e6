/// The name of a director → agent method, the `method` member of a request.
///
/// Any string is allowed (an agent answers names it does not know with `unknown message <method>`); the static
/// members name the methods the current bosh-agent registers.
public struct AgentMethod: RawRepresentable, Hashable, Sendable, Codable, ExpressibleByStringLiteral,
    CustomStringConvertible
{
    /// The method name as sent on the wire.
    public let rawValue: String

    /// Creates a method name.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// Creates a method name from a literal.
    public init(stringLiteral value: String) { self.rawValue = value }

    /// The name.
    public var description: String { rawValue }

    /// `ping` → `"pong"`.
    public static let ping: AgentMethod = "ping"
    /// `info` → `{"api_version": 1}`.
    public static let info: AgentMethod = "info"
    /// `get_state` (optionally `["full"]`) → the apply spec with the agent's state.
    public static let getState: AgentMethod = "get_state"
    /// `apply [spec]`, a task → `"applied"`.
    public static let apply: AgentMethod = "apply"
    /// `prepare [spec]`, a task → `"prepared"`.
    public static let prepare: AgentMethod = "prepare"
    /// `drain [type, spec?]`, a task → an integer.
    public static let drain: AgentMethod = "drain"
    /// `stop`, a task → `"stopped"`.
    public static let stop: AgentMethod = "stop"
    /// `start` → `"started"`.
    public static let start: AgentMethod = "start"
    /// `run_errand [name?]`, a task → stdout, stderr and exit code.
    public static let runErrand: AgentMethod = "run_errand"
    /// `run_script [name, {env}]`, a task → `{}`.
    public static let runScript: AgentMethod = "run_script"
    /// `compile_package [blobstore_id, sha1, name, version, deps]`, a task.
    public static let compilePackage: AgentMethod = "compile_package"
    /// `compile_package_with_signed_url [{…}]`, a task.
    public static let compilePackageWithSignedURL: AgentMethod = "compile_package_with_signed_url"
    /// `mount_disk [cid]`, a task.
    public static let mountDisk: AgentMethod = "mount_disk"
    /// `unmount_disk [cid]`, a task.
    public static let unmountDisk: AgentMethod = "unmount_disk"
    /// `migrate_disk`, a task.
    public static let migrateDisk: AgentMethod = "migrate_disk"
    /// `list_disk` → the mounted disk ids (a task from protocol 3 on).
    public static let listDisk: AgentMethod = "list_disk"
    /// `add_persistent_disk [cid, hint]`, a task.
    public static let addPersistentDisk: AgentMethod = "add_persistent_disk"
    /// `remove_persistent_disk [cid]`, a task.
    public static let removePersistentDisk: AgentMethod = "remove_persistent_disk"
    /// `update_settings [{…}]`, a task → `"ok"`.
    public static let updateSettings: AgentMethod = "update_settings"
    /// `sync_dns [blobstore_id, digest, version]` → `"synced"`.
    public static let syncDNS: AgentMethod = "sync_dns"
    /// `sync_dns_with_signed_url [{…}]` → `"synced"`.
    public static let syncDNSWithSignedURL: AgentMethod = "sync_dns_with_signed_url"
    /// `fetch_logs [type, filters]`, a task → `{blobstore_id, sha1}`.
    public static let fetchLogs: AgentMethod = "fetch_logs"
    /// `fetch_logs_with_signed_url [{…}]`, a task → `{sha1}`.
    public static let fetchLogsWithSignedURL: AgentMethod = "fetch_logs_with_signed_url"
    /// `upload_blob [{blob_id, checksum, payload}]`, a task → the blob id.
    public static let uploadBlob: AgentMethod = "upload_blob"
    /// `ssh [setup|cleanup, {…}]`.
    public static let ssh: AgentMethod = "ssh"
    /// `delete_arp_entries [{ips}]` (the director does not wait for the reply).
    public static let deleteARPEntries: AgentMethod = "delete_arp_entries"
    /// `cancel_task [id]` → `"canceled"`.
    public static let cancelTask: AgentMethod = "cancel_task"
    /// `get_task [id]` → the task's state or, once finished, its value.
    public static let getTask: AgentMethod = "get_task"
    /// `shutdown` (the director does not wait for the reply).
    public static let shutdown: AgentMethod = "shutdown"
}

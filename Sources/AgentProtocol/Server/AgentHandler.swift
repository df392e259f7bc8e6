import BoshJSON

/// What an agent does for each director method; ``AgentServer`` decodes requests and calls these.
///
/// Every requirement has a default: `ping` answers `"pong"`, `info` API version 1, `heartbeat()` sends nothing,
/// and every other method throws ``AgentError/unknownMessage(_:)``, which the server answers with
/// `unknown message <method>` (the director skips optional methods on that text). Implement what the agent
/// supports. Long-running methods (apply, prepare, drain, stop, run_errand, run_script, compile_package, disks,
/// update_settings, fetch_logs, upload_blob) run as tasks; of those, drain and run_errand see `CancellationError`
/// on `cancel_task` (as in bosh-agent, other tasks cannot be cancelled and run to their end).
/// An error's text becomes the exception message (an ``AgentError``'s ``AgentError/message``), after
/// `Action Failed <method>: ` for a synchronous method or `Action Failed get_task: Task <id> result: ` for a task.
public protocol AgentHandler: Sendable {
    /// `ping`.
    func ping() async throws -> String
    /// `info`.
    func info() async throws -> AgentInfo
    /// `get_state`; `full` asks for vitals.
    func getState(full: Bool) async throws -> AgentState
    /// `apply`: install and configure the spec's jobs and packages.
    func apply(_ spec: ApplySpec) async throws
    /// `prepare`: download what the spec needs ahead of an apply.
    func prepare(_ spec: ApplySpec) async throws
    /// `drain`: run drain scripts; the result is sent as the value.
    func drain(_ type: DrainType, spec: ApplySpec?) async throws -> Int
    /// `stop`: stop the jobs.
    func stop() async throws
    /// `start`: start the jobs.
    func start() async throws
    /// `run_errand`.
    func runErrand(_ name: String?) async throws -> ErrandResult
    /// `run_script`.
    func runScript(_ name: String, options: ScriptOptions) async throws
    /// `compile_package`.
    func compilePackage(
        blobstoreID: String, sha1: String, name: String, version: String, dependencies: [String: CompileDependency]
    ) async throws -> CompiledPackage
    /// `compile_package_with_signed_url`.
    func compilePackage(signed request: SignedCompileRequest) async throws -> CompiledPackage
    /// `mount_disk`.
    func mountDisk(_ diskCID: String) async throws
    /// `unmount_disk`; the returned message is sent as `{"message": …}`.
    func unmountDisk(_ diskCID: String) async throws -> String
    /// `migrate_disk`.
    func migrateDisk() async throws
    /// `list_disk`: the mounted persistent disks.
    func listDisk() async throws -> [String]
    /// `add_persistent_disk`.
    func addPersistentDisk(_ diskCID: String, hint: DiskHint) async throws
    /// `remove_persistent_disk`.
    func removePersistentDisk(_ diskCID: String) async throws
    /// `update_settings`.
    func updateSettings(_ settings: UpdateSettings) async throws
    /// `sync_dns`.
    func syncDNS(blobstoreID: String, multiDigest: String, version: UInt64) async throws
    /// `sync_dns_with_signed_url`.
    func syncDNS(signed request: SignedDNSRequest) async throws
    /// `fetch_logs`.
    func fetchLogs(_ type: LogType, filters: [String]?) async throws -> LogsBlob
    /// `fetch_logs_with_signed_url`.
    func fetchLogs(signed request: SignedLogsRequest) async throws -> LogsBlob
    /// `upload_blob`.
    func uploadBlob(_ blob: BlobUpload) async throws
    /// `ssh`.
    func ssh(_ command: SSHCommand, parameters: SSHParameters) async throws -> SSHResult
    /// `delete_arp_entries`.
    func deleteARPEntries(_ ips: [String]) async throws
    /// `shutdown`.
    func shutdown() async throws
    /// Any other method; the value is sent as is.
    func handle(_ method: AgentMethod, arguments: [JSONValue]) async throws -> JSONValue
    /// The heartbeat to publish now, or `nil` to skip this one.
    func heartbeat() async throws -> Heartbeat?
}

extension AgentHandler {
    /// Answers `"pong"`.
    public func ping() async throws -> String { "pong" }
    /// Answers API version 1.
    public func info() async throws -> AgentInfo { AgentInfo() }
    /// Unsupported.
    public func getState(full: Bool) async throws -> AgentState { throw AgentError.unknownMessage(.getState) }
    /// Unsupported.
    public func apply(_ spec: ApplySpec) async throws { throw AgentError.unknownMessage(.apply) }
    /// Unsupported.
    public func prepare(_ spec: ApplySpec) async throws { throw AgentError.unknownMessage(.prepare) }
    /// Unsupported.
    public func drain(_ type: DrainType, spec: ApplySpec?) async throws -> Int { throw AgentError.unknownMessage(.drain) }
    /// Unsupported.
    public func stop() async throws { throw AgentError.unknownMessage(.stop) }
    /// Unsupported.
    public func start() async throws { throw AgentError.unknownMessage(.start) }
    /// Unsupported.
    public func runErrand(_ name: String?) async throws -> ErrandResult { throw AgentError.unknownMessage(.runErrand) }
    /// Unsupported.
    public func runScript(_ name: String, options: ScriptOptions) async throws {
        throw AgentError.unknownMessage(.runScript)
    }
    /// Unsupported.
    public func compilePackage(
        blobstoreID: String, sha1: String, name: String, version: String, dependencies: [String: CompileDependency]
    ) async throws -> CompiledPackage {
        throw AgentError.unknownMessage(.compilePackage)
    }
    /// Unsupported.
    public func compilePackage(signed request: SignedCompileRequest) async throws -> CompiledPackage {
        throw AgentError.unknownMessage(.compilePackageWithSignedURL)
    }
    /// Unsupported.
    public func mountDisk(_ diskCID: String) async throws { throw AgentError.unknownMessage(.mountDisk) }
    /// Unsupported.
    public func unmountDisk(_ diskCID: String) async throws -> String { throw AgentError.unknownMessage(.unmountDisk) }
    /// Unsupported.
    public func migrateDisk() async throws { throw AgentError.unknownMessage(.migrateDisk) }
    /// Unsupported.
    public func listDisk() async throws -> [String] { throw AgentError.unknownMessage(.listDisk) }
    /// Unsupported.
    public func addPersistentDisk(_ diskCID: String, hint: DiskHint) async throws {
        throw AgentError.unknownMessage(.addPersistentDisk)
    }
    /// Unsupported.
    public func removePersistentDisk(_ diskCID: String) async throws {
        throw AgentError.unknownMessage(.removePersistentDisk)
    }
    /// Unsupported.
    public func updateSettings(_ settings: UpdateSettings) async throws {
        throw AgentError.unknownMessage(.updateSettings)
    }
    /// Unsupported.
    public func syncDNS(blobstoreID: String, multiDigest: String, version: UInt64) async throws {
        throw AgentError.unknownMessage(.syncDNS)
    }
    /// Unsupported.
    public func syncDNS(signed request: SignedDNSRequest) async throws {
        throw AgentError.unknownMessage(.syncDNSWithSignedURL)
    }
    /// Unsupported.
    public func fetchLogs(_ type: LogType, filters: [String]?) async throws -> LogsBlob {
        throw AgentError.unknownMessage(.fetchLogs)
    }
    /// Unsupported.
    public func fetchLogs(signed request: SignedLogsRequest) async throws -> LogsBlob {
        throw AgentError.unknownMessage(.fetchLogsWithSignedURL)
    }
    /// Unsupported.
    public func uploadBlob(_ blob: BlobUpload) async throws { throw AgentError.unknownMessage(.uploadBlob) }
    /// Unsupported.
    public func ssh(_ command: SSHCommand, parameters: SSHParameters) async throws -> SSHResult {
        throw AgentError.unknownMessage(.ssh)
    }
    /// Unsupported.
    public func deleteARPEntries(_ ips: [String]) async throws { throw AgentError.unknownMessage(.deleteARPEntries) }
    /// Unsupported.
    public func shutdown() async throws { throw AgentError.unknownMessage(.shutdown) }
    /// Unsupported.
    public func handle(_ method: AgentMethod, arguments: [JSONValue]) async throws -> JSONValue {
        throw AgentError.unknownMessage(method)
    }
    /// No heartbeat.
    public func heartbeat() async throws -> Heartbeat? { nil }
}

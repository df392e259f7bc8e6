import BoshJSON

/// Typed calls, one per agent method. Long-running methods return once their task has finished.
extension AgentClient {
    /// `ping` → `"pong"`.
    public func ping(_ agentID: String, timeout: Duration? = nil) async throws -> String {
        try decode(String.self, try await call(.ping, to: agentID, timeout: timeout), method: .ping, agentID: agentID)
    }

    /// `info`; an agent that does not know it counts as API version 0, as the director does.
    public func info(_ agentID: String) async throws -> AgentInfo {
        do {
            return try decode(AgentInfo.self, try await call(.info, to: agentID), method: .info, agentID: agentID)
        } catch let error as AgentError where error.code == .unknownMessage {
            return AgentInfo(apiVersion: 0)
        }
    }

    /// `get_state`, with vitals when `full`.
    public func getState(_ agentID: String, full: Bool = false) async throws -> AgentState {
        let value = try await call(.getState, to: agentID, arguments: full ? ["full"] : [])
        return try decode(AgentState.self, value, method: .getState, agentID: agentID)
    }

    /// `apply [spec]`, waiting for the task.
    public func apply(_ agentID: String, spec: ApplySpec) async throws {
        _ = try await perform(.apply, to: agentID, arguments: [try AgentJSON.value(spec)])
    }

    /// `prepare [spec]`, waiting for the task.
    public func prepare(_ agentID: String, spec: ApplySpec) async throws {
        _ = try await perform(.prepare, to: agentID, arguments: [try AgentJSON.value(spec)])
    }

    /// `drain [type, spec?]`, waiting for the task; returns the agent's integer (0 from current agents).
    public func drain(_ agentID: String, type: DrainType, spec: ApplySpec? = nil) async throws -> Int {
        var arguments: [JSONValue] = [.string(type.rawValue)]
        if let spec { arguments.append(try AgentJSON.value(spec)) }
        return try decode(Int.self, try await perform(.drain, to: agentID, arguments: arguments), method: .drain, agentID: agentID)
    }

    /// `stop`, waiting for the task.
    public func stop(_ agentID: String) async throws {
        _ = try await perform(.stop, to: agentID)
    }

    /// `start`.
    public func start(_ agentID: String) async throws {
        _ = try await call(.start, to: agentID)
    }

    /// `run_errand [name?]`, waiting for the task.
    public func runErrand(_ agentID: String, name: String? = nil) async throws -> ErrandResult {
        let value = try await perform(.runErrand, to: agentID, arguments: name.map { [.string($0)] } ?? [])
        return try decode(ErrandResult.self, value, method: .runErrand, agentID: agentID)
    }

    /// `run_script [name, {env}]`, waiting for the task.
    public func runScript(_ agentID: String, name: String, options: ScriptOptions = ScriptOptions()) async throws {
        _ = try await perform(.runScript, to: agentID, arguments: [.string(name), try AgentJSON.value(options)])
    }

    /// `compile_package [blobstore_id, sha1, name, version, deps]`, waiting for the task.
    public func compilePackage(
        _ agentID: String, blobstoreID: String, sha1: String, name: String, version: String,
        dependencies: [String: CompileDependency] = [:]
    ) async throws -> CompiledPackage {
        let arguments: [JSONValue] = [
            .string(blobstoreID), .string(sha1), .string(name), .string(version), try AgentJSON.value(dependencies),
        ]
        let value = try await perform(.compilePackage, to: agentID, arguments: arguments)
        return try decode(CompiledPackage.self, value, method: .compilePackage, agentID: agentID)
    }

    /// `compile_package_with_signed_url [{…}]`, waiting for the task.
    public func compilePackage(_ agentID: String, signed request: SignedCompileRequest) async throws -> CompiledPackage {
        let value = try await perform(.compilePackageWithSignedURL, to: agentID, arguments: [try AgentJSON.value(request)])
        return try decode(CompiledPackage.self, value, method: .compilePackageWithSignedURL, agentID: agentID)
    }

    /// `mount_disk [cid]`, waiting for the task.
    public func mountDisk(_ agentID: String, diskCID: String) async throws {
        _ = try await perform(.mountDisk, to: agentID, arguments: [.string(diskCID)])
    }

    /// `unmount_disk [cid]`, waiting for the task; returns the agent's message, if any.
    @discardableResult
    public func unmountDisk(_ agentID: String, diskCID: String) async throws -> String? {
        try await perform(.unmountDisk, to: agentID, arguments: [.string(diskCID)])["message"]?.stringValue
    }

    /// `migrate_disk`, waiting for the task.
    public func migrateDisk(_ agentID: String) async throws {
        _ = try await perform(.migrateDisk, to: agentID)
    }

    /// `list_disk`: the cloud ids of the mounted persistent disks.
    public func listDisk(_ agentID: String) async throws -> [String] {
        try decode([String].self, try await perform(.listDisk, to: agentID), method: .listDisk, agentID: agentID)
    }

    /// `add_persistent_disk [cid, hint]`, waiting for the task.
    public func addPersistentDisk(_ agentID: String, diskCID: String, hint: DiskHint) async throws {
        _ = try await perform(.addPersistentDisk, to: agentID, arguments: [.string(diskCID), hint.json])
    }

    /// `remove_persistent_disk [cid]`, waiting for the task.
    public func removePersistentDisk(_ agentID: String, diskCID: String) async throws {
        _ = try await perform(.removePersistentDisk, to: agentID, arguments: [.string(diskCID)])
    }

    /// `update_settings [{…}]`, waiting for the task.
    public func updateSettings(_ agentID: String, _ settings: UpdateSettings) async throws {
        _ = try await perform(.updateSettings, to: agentID, arguments: [try AgentJSON.value(settings)])
    }

    /// `sync_dns [blobstore_id, digest, version]`.
    public func syncDNS(_ agentID: String, blobstoreID: String, multiDigest: String, version: UInt64) async throws {
        let arguments: [JSONValue] = [.string(blobstoreID), .string(multiDigest), .int(Int(clamping: version))]
        _ = try await call(.syncDNS, to: agentID, arguments: arguments)
    }

    /// `sync_dns_with_signed_url [{…}]`.
    public func syncDNS(_ agentID: String, signed request: SignedDNSRequest) async throws {
        _ = try await call(.syncDNSWithSignedURL, to: agentID, arguments: [try AgentJSON.value(request)])
    }

    /// `fetch_logs [type, filters]`, waiting for the task.
    public func fetchLogs(_ agentID: String, type: LogType, filters: [String]? = nil) async throws -> LogsBlob {
        let arguments: [JSONValue] = [.string(type.rawValue), try AgentJSON.value(filters)]
        let value = try await perform(.fetchLogs, to: agentID, arguments: arguments)
        return try decode(LogsBlob.self, value, method: .fetchLogs, agentID: agentID)
    }

    /// `fetch_logs_with_signed_url [{…}]`, waiting for the task.
    public func fetchLogs(_ agentID: String, signed request: SignedLogsRequest) async throws -> LogsBlob {
        let value = try await perform(.fetchLogsWithSignedURL, to: agentID, arguments: [try AgentJSON.value(request)])
        return try decode(LogsBlob.self, value, method: .fetchLogsWithSignedURL, agentID: agentID)
    }

    /// `upload_blob [{blob_id, checksum, payload}]`, waiting for the task.
    public func uploadBlob(_ agentID: String, _ blob: BlobUpload) async throws {
        _ = try await perform(.uploadBlob, to: agentID, arguments: [try AgentJSON.value(blob)])
    }

    /// `ssh [command, parameters]`.
    public func ssh(_ agentID: String, command: SSHCommand, parameters: SSHParameters) async throws -> SSHResult {
        let value = try await call(.ssh, to: agentID, arguments: [.string(command.rawValue), try AgentJSON.value(parameters)])
        return try decode(SSHResult.self, value, method: .ssh, agentID: agentID)
    }

    /// `delete_arp_entries [{ips}]`, without waiting (as the director).
    public func deleteARPEntries(_ agentID: String, ips: [String]) async throws {
        try await send(.deleteARPEntries, to: agentID, arguments: [try AgentJSON.value(ARPEntries(ips: ips))])
    }

    /// `cancel_task [id]`.
    public func cancelTask(_ agentID: String, taskID: String) async throws {
        _ = try await call(.cancelTask, to: agentID, arguments: [.string(taskID)])
    }

    /// `get_task [id]`: the running handle, or the finished task's value.
    public func getTask(_ agentID: String, taskID: String) async throws -> JSONValue {
        try await call(.getTask, to: agentID, arguments: [.string(taskID)])
    }

    /// `shutdown`, without waiting (as the director).
    public func shutdown(_ agentID: String) async throws {
        try await send(.shutdown, to: agentID)
    }
}

import BoshJSON

/// Maps a method to the handler call and its reply value.
enum AgentDispatch {
    /// Whether `method` runs as a task (answered with `{agent_task_id, state}` first), as in bosh-agent.
    static func isLongRunning(_ method: AgentMethod, protocolVersion: Int?) -> Bool {
        switch method {
        case .apply, .prepare, .drain, .stop, .runErrand, .runScript, .compilePackage, .compilePackageWithSignedURL,
            .mountDisk, .unmountDisk, .migrateDisk, .addPersistentDisk, .removePersistentDisk, .updateSettings,
            .fetchLogs, .fetchLogsWithSignedURL, .uploadBlob:
            return true
        case .listDisk:
            return (protocolVersion ?? 0) >= 3
        default:
            return false
        }
    }

    /// Whether `cancel_task` cancels a running task of `method`: only drain and run_errand, as in bosh-agent
    /// (every other task answers `Action Failed cancel_task: not supported`).
    static func isCancellable(_ method: AgentMethod) -> Bool {
        method == .drain || method == .runErrand
    }

    /// Runs `method` on `handler` and returns its reply value.
    static func run(_ method: AgentMethod, _ values: [JSONValue], on handler: some AgentHandler) async throws -> JSONValue {
        let args = Arguments(method: method, values: values)
        switch method {
        case .ping: return .string(try await handler.ping())
        case .info: return try AgentJSON.value(try await handler.info())
        case .getState:
            return try AgentJSON.value(try await handler.getState(full: try args.optional(0, String.self) == "full"))
        case .apply:
            try await handler.apply(try args.required(0, ApplySpec.self))
            return "applied"
        case .prepare:
            try await handler.prepare(try args.required(0, ApplySpec.self))
            return "prepared"
        case .drain:
            let type = try args.required(0, DrainType.self)
            return .int(try await handler.drain(type, spec: try args.optional(1, ApplySpec.self)))
        case .stop:
            try await handler.stop()
            return "stopped"
        case .start:
            try await handler.start()
            return "started"
        case .runErrand: return try AgentJSON.value(try await handler.runErrand(try args.optional(0, String.self)))
        case .runScript:
            let options = try args.optional(1, ScriptOptions.self) ?? ScriptOptions()
            try await handler.runScript(try args.required(0, String.self), options: options)
            return [:]
        case .compilePackage:
            let compiled = try await handler.compilePackage(
                blobstoreID: try args.required(0, String.self), sha1: try args.required(1, String.self),
                name: try args.required(2, String.self), version: try args.required(3, String.self),
                dependencies: try args.optional(4, [String: CompileDependency].self) ?? [:])
            return try AgentJSON.value(compiled)
        case .compilePackageWithSignedURL:
            return try AgentJSON.value(
                try await handler.compilePackage(signed: try args.required(0, SignedCompileRequest.self)))
        case .mountDisk:
            try await handler.mountDisk(try args.required(0, String.self))
            return [:]
        case .unmountDisk:
            return ["message": .string(try await handler.unmountDisk(try args.required(0, String.self)))]
        case .migrateDisk:
            try await handler.migrateDisk()
            return [:]
        case .listDisk: return try AgentJSON.value(try await handler.listDisk())
        case .addPersistentDisk:
            try await handler.addPersistentDisk(try args.required(0, String.self), hint: try hint(args))
            return [:]
        case .removePersistentDisk:
            try await handler.removePersistentDisk(try args.required(0, String.self))
            return [:]
        case .updateSettings:
            try await handler.updateSettings(try args.required(0, UpdateSettings.self))
            return "ok"
        case .syncDNS:
            try await handler.syncDNS(
                blobstoreID: try args.required(0, String.self), multiDigest: try args.required(1, String.self),
                version: try args.required(2, UInt64.self))
            return "synced"
        case .syncDNSWithSignedURL:
            try await handler.syncDNS(signed: try args.required(0, SignedDNSRequest.self))
            return "synced"
        case .fetchLogs:
            let blob = try await handler.fetchLogs(
                try args.required(0, LogType.self), filters: try args.optional(1, [String].self))
            return try AgentJSON.value(blob)
        case .fetchLogsWithSignedURL:
            return try AgentJSON.value(try await handler.fetchLogs(signed: try args.required(0, SignedLogsRequest.self)))
        case .uploadBlob:
            let blob = try args.required(0, BlobUpload.self)
            try await handler.uploadBlob(blob)
            return .string(blob.blobID)
        case .ssh:
            let result = try await handler.ssh(
                try args.required(0, SSHCommand.self), parameters: try args.optional(1, SSHParameters.self) ?? SSHParameters())
            return try AgentJSON.value(result)
        case .deleteARPEntries:
            try await handler.deleteARPEntries(try args.required(0, ARPEntries.self).ips)
            return [:]
        case .shutdown:
            try await handler.shutdown()
            return ""
        default:
            return try await handler.handle(method, arguments: values)
        }
    }

    private static func hint(_ args: Arguments) throws -> DiskHint {
        let json = try args.required(1, JSONValue.self)
        guard let hint = DiskHint(stringOrObject: json) else {
            throw AgentError(.invalidArguments, method: args.method, detail: "argument 2 must be a disk hint, got \(json.kindDescription)")
        }
        return hint
    }
}

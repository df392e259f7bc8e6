import AgentProtocol
import Foundation
import Logging

/// The agent of a local VM: the ``AgentHandler`` that ``AgentServer`` runs.
///
/// Supports `get_state`, `apply`, `prepare`, `start`, `stop`, `drain`, `run_script`, `compile_package`,
/// `update_settings` (accepted, nothing changes), `list_disk` (none) and `fetch_logs`, and sends heartbeats. Files live under
/// an ``AgentLayout``; blobs come from and go to the ``LocalBlobstore`` the settings name; job processes run
/// under a ``ProcessSupervisor``.
public final class LocalAgent: AgentHandler, Sendable {
    /// The agent's settings.
    public let settings: AgentSettings
    /// Where its files live.
    public let layout: AgentLayout
    /// Its job processes.
    public let supervisor: ProcessSupervisor
    private let blobstore: LocalBlobstore
    private let vitals: VitalsSampler
    private let installer: PackageInstaller
    private let jobs: JobInstaller
    private let compiler: PackageCompiler
    private let applied: Locked<ApplySpec>
    private let logger: Logger

    /// Creates the agent and the VM's base directories; reads the spec of an earlier apply, if any.
    /// - Throws: ``BlobstoreError`` when the settings name no local blobstore; an error when the directories
    ///   cannot be created.
    public init(
        settings: AgentSettings, layout: AgentLayout, supervisorOptions: SupervisorOptions = SupervisorOptions(),
        logger: Logger
    ) throws {
        self.settings = settings
        self.layout = layout
        self.logger = logger
        let blobstore = try LocalBlobstore(settings: settings)
        self.blobstore = blobstore
        try layout.createBaseDirectories()
        supervisor = ProcessSupervisor(layout: layout, options: supervisorOptions, logger: logger)
        vitals = VitalsSampler(layout: layout)
        installer = PackageInstaller(layout: layout, blobstore: blobstore, logger: logger)
        jobs = JobInstaller(layout: layout, blobstore: blobstore, logger: logger)
        compiler = PackageCompiler(layout: layout, blobstore: blobstore, installer: installer, logger: logger)
        var spec = ApplySpec()
        if let data = FileManager.default.contents(atPath: Self.specFile(layout).path),
            let saved = try? JSONDecoder().decode(ApplySpec.self, from: data)
        {
            spec = saved
        }
        applied = Locked(spec)
    }

    /// Supervises the jobs of the spec read at start-up (they stay stopped until `start`).
    public func restoreJobs() async {
        var restored: [SupervisedJob] = []
        for name in applied.current.job?.templates?.map(\.name) ?? [] {
            let directory = layout.jobs.appendingPathComponent(name)
            if let processes = try? JobInstaller.monitProcesses(in: directory) {
                restored.append(SupervisedJob(name: name, processes: processes))
            }
        }
        await supervisor.configure(restored)
    }

    /// The applied spec.
    public var spec: ApplySpec { applied.current }

    /// Stops every job process and the supervisor's polling (the agent is going away).
    public func terminate() async {
        await supervisor.shutdown()
    }

    // MARK: AgentHandler

    public func getState(full: Bool) async throws -> AgentState {
        var spec = applied.current
        if spec.networks == nil { spec.networks = [:] }
        if spec.packages == nil { spec.packages = [:] }
        if spec.resourcePool == nil { spec.resourcePool = .object([:]) }
        return AgentState(
            spec: spec, agentID: settings.agentID, jobState: await supervisor.jobState,
            vitals: full ? vitals.sample() : nil, processes: await supervisor.processes, vm: settings.vm)
    }

    public func apply(_ spec: ApplySpec) async throws {
        try await installPackages(of: spec)
        let laidOut = try await jobs.install(spec)
        await supervisor.configure(laidOut)
        do {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            try encoder.encode(spec).write(to: Self.specFile(layout), options: .atomic)
        } catch {
            throw AgentFailure("cannot record the applied spec in \(Self.specFile(layout).path): \(error.localizedDescription)")
        }
        applied.withLock { $0 = spec }
        logger.info(
            "applied spec",
            metadata: ["jobs": "\(laidOut.map(\.name))", "configuration_hash": "\(spec.configurationHash ?? "")"])
    }

    public func prepare(_ spec: ApplySpec) async throws {
        try await installPackages(of: spec, link: false)
    }

    public func start() async throws {
        await supervisor.startAll()
    }

    public func stop() async throws {
        await supervisor.stopAll()
    }

    public func drain(_ type: DrainType, spec: ApplySpec?) async throws -> Int {
        guard type != .status else { throw AgentFailure("Unexpected call with drain type 'status'") }
        let arguments = type == .shutdown ? ["job_shutdown", "hash_unchanged"] : ["job_changed", "hash_changed"]
        for job in jobNames {
            let script = layout.jobs.appendingPathComponent(job).appendingPathComponent("bin/drain")
            guard FileManager.default.isExecutableFile(atPath: script.path) else { continue }
            let log = layout.sysLog.appendingPathComponent(job)
            let stdout = log.appendingPathComponent("drain.stdout.log")
            try? FileManager.default.removeItem(at: stdout)
            let end = try await Subprocess.run(
                [script.path] + arguments, environment: Subprocess.environment(["BOSH_JOB_STATE": "{}", "BOSH_JOB_NEXT_STATE": "{}"]),
                directory: "/", output: stdout.path, errorOutput: log.appendingPathComponent("drain.stderr.log").path)
            guard end.succeeded else { throw AgentFailure("drain script of job \(job) ended with \(end)") }
            let answer = Subprocess.lastLines(of: stdout.path, count: 1).first?.trimmingCharacters(in: .whitespaces) ?? ""
            guard let seconds = Int(answer) else {
                throw AgentFailure("drain script of job \(job) printed '\(answer)' instead of an integer")
            }
            guard seconds >= 0 else { throw AgentFailure("drain script of job \(job): dynamic drain (\(seconds)) is not supported") }
            if seconds > 0 { try await Task.sleep(for: .seconds(seconds)) }
        }
        return 0
    }

    public func runScript(_ name: String, options: ScriptOptions) async throws {
        try Names.check(name, what: "script name")
        var failures: [String] = []
        for job in jobNames {
            let script = layout.jobs.appendingPathComponent(job).appendingPathComponent("bin/\(name)")
            guard FileManager.default.isExecutableFile(atPath: script.path) else { continue }
            let log = layout.sysLog.appendingPathComponent(job)
            let end = try await Subprocess.run(
                [script.path], environment: Subprocess.environment(options.env), directory: "/",
                output: log.appendingPathComponent("\(name).stdout.log").path,
                errorOutput: log.appendingPathComponent("\(name).stderr.log").path)
            if !end.succeeded { failures.append("\(job) (\(end))") }
        }
        guard failures.isEmpty else {
            throw AgentFailure("\(name) script failed for job \(failures.joined(separator: ", "))")
        }
    }

    public func compilePackage(
        blobstoreID: String, sha1: String, name: String, version: String, dependencies: [String: CompileDependency]
    ) async throws -> CompiledPackage {
        try await compiler.compile(
            blobstoreID: blobstoreID, sha1: sha1, name: name, version: version, dependencies: dependencies)
    }

    public func updateSettings(_ settings: UpdateSettings) async throws {
        logger.info("update_settings accepted (nothing to change on a local VM)")
    }

    public func listDisk() async throws -> [String] { [] }

    public func fetchLogs(_ type: LogType, filters: [String]?) async throws -> LogsBlob {
        let archive = try await LogBundler(layout: layout).bundle(type, filters: filters)
        defer { try? FileManager.default.removeItem(at: archive) }
        do {
            let stored = try blobstore.put(fileAt: archive)
            logger.info("logs packed", metadata: ["type": "\(type.rawValue)", "blobstore_id": "\(stored.blobstoreID)"])
            return LogsBlob(blobstoreID: stored.blobstoreID, sha1: stored.sha1)
        } catch {
            throw AgentFailure("Create file on blobstore: \(error)")
        }
    }

    public func heartbeat() async throws -> Heartbeat? {
        let spec = applied.current
        return Heartbeat(
            deployment: spec.deployment ?? "", job: spec.name, index: spec.index, jobState: await supervisor.jobState,
            vitals: vitals.sample(), nodeID: spec.id ?? "", numberOfProcesses: await supervisor.processCount)
    }

    // MARK: Helpers

    private var jobNames: [String] { applied.current.job?.templates?.map(\.name) ?? [] }

    private func installPackages(of spec: ApplySpec, link: Bool = true) async throws {
        let packages = (spec.packages ?? [:]).values.sorted { $0.name < $1.name }
        for package in packages {
            try await installer.install(
                name: package.name, version: package.version, digest: package.sha1, blobstoreID: package.blobstoreID,
                link: link)
        }
        if link { layout.removeSymlinks(in: layout.packages, except: Set(packages.map(\.name))) }
    }

    private static func specFile(_ layout: AgentLayout) -> URL { layout.bosh.appendingPathComponent("spec.json") }
}

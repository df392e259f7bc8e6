import Foundation

/// Reads and writes the director's records under a ``DirectorLayout``, each file replaced atomically.
public struct DirectorStore: Sendable {
    /// The layout.
    public let layout: DirectorLayout

    /// A store over `layout` (created on first write).
    public init(layout: DirectorLayout) { self.layout = layout }

    /// The director record, created with a new UUID on first use.
    public func director() throws -> DirectorRecord {
        if let record = try StateFile<DirectorRecord>(path: layout.directorFile).read() { return record }
        let record = DirectorRecord(uuid: UUID().uuidString.lowercased(), lastTask: 0)
        try StateFile<DirectorRecord>(path: layout.directorFile).write(record)
        return record
    }

    /// Hands out the next task number.
    public func nextTask() throws -> Int {
        var record = try director()
        record.lastTask += 1
        try StateFile<DirectorRecord>(path: layout.directorFile).write(record)
        return record.lastTask
    }

    /// The names of the recorded deployments, sorted.
    public func deploymentNames() throws -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: layout.deploymentsDirectory)) ?? []
        return names.filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }.sorted()
    }

    /// The record of deployment `name`, `nil` when it was never deployed.
    public func deployment(_ name: String) throws -> DeploymentRecord? {
        try StateFile<DeploymentRecord>(path: layout.deploymentFile(name)).read()
    }

    /// Saves a deployment record.
    public func save(_ record: DeploymentRecord) throws {
        try StateFile<DeploymentRecord>(path: layout.deploymentFile(record.name)).write(record)
    }

    /// Removes a deployment record.
    public func removeDeployment(_ name: String) throws {
        let path = layout.deploymentFile(name)
        if FileManager.default.fileExists(atPath: path) { try FileManager.default.removeItem(atPath: path) }
    }

    /// The uploaded releases.
    public func releases() throws -> [ReleaseRecord] { try StateFile<[ReleaseRecord]>(path: layout.releasesFile).read() ?? [] }
    /// Saves the uploaded releases.
    public func saveReleases(_ records: [ReleaseRecord]) throws {
        try StateFile<[ReleaseRecord]>(path: layout.releasesFile).write(records)
    }

    /// The uploaded stemcells.
    public func stemcells() throws -> [StemcellRecord] { try StateFile<[StemcellRecord]>(path: layout.stemcellsFile).read() ?? [] }
    /// Saves the uploaded stemcells.
    public func saveStemcells(_ records: [StemcellRecord]) throws {
        try StateFile<[StemcellRecord]>(path: layout.stemcellsFile).write(records)
    }

    /// The compiled packages.
    public func compiledPackages() throws -> [CompiledPackageRecord] {
        try StateFile<[CompiledPackageRecord]>(path: layout.compiledPackagesFile).read() ?? []
    }
    /// Saves the compiled packages.
    public func saveCompiledPackages(_ records: [CompiledPackageRecord]) throws {
        try StateFile<[CompiledPackageRecord]>(path: layout.compiledPackagesFile).write(records)
    }
}

/// One deployment's record during a deploy: instance updates run concurrently, each change is saved at once.
actor DeploymentJournal {
    private(set) var record: DeploymentRecord
    private let store: DirectorStore

    init(record: DeploymentRecord, store: DirectorStore) {
        self.record = record
        self.store = store
    }

    /// Applies `change` and saves the record.
    func update(_ change: @Sendable (inout DeploymentRecord) -> Void) throws {
        change(&record)
        try store.save(record)
    }
}

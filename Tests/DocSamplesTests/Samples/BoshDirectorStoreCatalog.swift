// The Swift samples of Sources/BoshDirectorStore/BoshDirectorStore.docc/BoshDirectorStore.md, verbatim, in functions that compile (never called unless a test says so).
// DocSampleCoverageTests fails when a ```swift block of the doc is missing here: change both together.

import BoshDirectorStore

enum BoshDirectorStoreCatalog {
    static func tasksAndLocks() async throws {
        let store = try await DirectorStore.open(engine: try await SQLiteEngine.open(path: "state/director.db"))
        let task = try await store.createTask(type: "update_deployment", description: "create deployment", deployment: "web")
        let lock = try await store.acquireLock(LockRecord.deployment("web"), taskID: "\(task.id)", description: "deploy")
        defer { Task { await lock.release() } }
        _ = task
    }
}

import BoshDirectorPostgres
import BoshDirectorStore
import Foundation
import Scheduler

/// The director store on each engine: `store_instance_update_<engine>` (one instance row changed and committed),
/// `store_task_claim_<engine>` (one queued task claimed by a worker), `store_deployment_1000_<engine>` (the records
/// of a 1,000-instance deployment written in one transaction). SQLite always (a file in a temporary directory);
/// PostgreSQL when `BOSHKIT_BENCH_POSTGRES=postgres://user[:password]@host:port/db` names a server (its tables
/// are created there; use a scratch database).
enum StoreBenchmarks {
    static func run(_ runner: BenchRunner) async throws {
        guard runner.wants("store_") else { return }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("boshkit-bench-store-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let sqlite = try await DirectorStore.open(sqlitePath: directory + "/director.db")
        try await rows(runner, store: sqlite, engine: "sqlite")
        await sqlite.close()
        if let text = ProcessInfo.processInfo.environment["BOSHKIT_BENCH_POSTGRES"], case .postgres(let location) = try DatabaseURL(parsing: text) {
            let store = try await DirectorStore.open(engine: try await PostgresEngine.open(location))
            try await rows(runner, store: store, engine: "postgres")
            await store.close()
        }
    }

    static func instance(_ index: Int, vm: String) -> InstanceRecord {
        InstanceRecord(
            group: "web", index: index, id: "web-\(index)", az: "z\(index % 3 + 1)", bootstrap: index == 0,
            addresses: ["default": "10.0.\(index / 250).\(index % 250 + 2)"], vmCID: vm, agentID: "agent-\(index)",
            spec: InstanceSpec(stemcell: "ubuntu-jammy/1.0", jobs: ["hello/hello-server"]), configurationHash: "abc",
            isPending: false)
    }

    static func rows(_ runner: BenchRunner, store: DirectorStore, engine: String) async throws {
        let name = "bench-\(UUID().uuidString.prefix(8))"
        var record = DeploymentRecord(name: name)
        record.manifest = "name: \(name)\n"
        record.instances = (0..<1000).map { instance($0, vm: "vm-\($0)") }
        var counter = 0
        try await runner.measureAsync("store_deployment_1000_\(engine)", iterations: 5, warmup: 1) {
            counter += 1
            record.instances = record.instances.map { var i = $0; i.vmCID = "vm-\(i.index)-\(counter)"; return i }
            try await store.save(record)
        }
        try await runner.measureAsync("store_instance_update_\(engine)", iterations: 2000, warmup: 50) {
            counter += 1
            try await store.save(instance(counter % 1000, vm: "vm-\(counter)"), deployment: name)
        }
        if runner.wants("store_task_claim_\(engine)") {
            for n in 0..<2100 { _ = try await store.createTask(type: "bench", description: "task \(n)") }
        }
        try await runner.measureAsync("store_task_claim_\(engine)", iterations: 2000, warmup: 50) {
            guard try await store.claimTask(worker: "bench") != nil else { throw BenchError("the queue ran dry") }
        }
        try await store.removeDeployment(name)
    }

    struct BenchError: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }
}

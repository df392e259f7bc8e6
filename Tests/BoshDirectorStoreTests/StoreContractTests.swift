import BoshDirectorStore
import Foundation
import Scheduler
import Synchronization
import Testing

/// One contract, both engines: every test runs on SQLite and on a real PostgreSQL.
@Suite struct StoreContractTests {
    private func instance(_ group: String, _ index: Int, vm: String? = "vm-1", pending: Bool = false) -> InstanceRecord {
        InstanceRecord(
            group: group, index: index, id: "\(group)-\(index)", az: "z1", bootstrap: index == 0,
            addresses: ["default": "127.0.10.\(20 + index)"], vmCID: vm, agentID: "agent-\(group)-\(index)",
            spec: InstanceSpec(stemcell: "ubuntu-jammy/1", jobs: ["hello/hello-server"]), configurationHash: "abc",
            isPending: pending)
    }

    @Test(arguments: StoreEngine.allCases)
    func migratesOnceAndKeepsItsUUID(_ engine: StoreEngine) async throws {
        try await engine.withDatabase { db in
            let first = try await db.with { store in
                let version = try await store.schemaVersion()
                #expect(version == 2)
                return store.uuid
            }
            try await db.with { store in
                let version = try await store.schemaVersion()
                #expect(store.uuid == first)
                #expect(version == 2)
            }
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func refusesASchemaNewerThanTheCode(_ engine: StoreEngine) async throws {
        try await engine.withDatabase { db in
            let raw = try await db.openEngine()
            try await raw.transaction { sql in
                try await sql.query("CREATE TABLE schema_migrations (version BIGINT PRIMARY KEY, applied_at BIGINT NOT NULL)")
                try await sql.query("INSERT INTO schema_migrations (version, applied_at) VALUES (99, 0)")
            }
            await raw.close()
            do {
                _ = try await db.open()
                Issue.record("a newer schema was accepted")
            } catch let error as StoreError {
                #expect(error.isNewerSchema)
                #expect(error.description.contains("schema version 99, newer than this BoshKit knows (2)"))
                #expect(error.description.hasPrefix("Database '\(db.url)'"))
            }
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func migratesAVersionOneDatabaseKeepingItsRows(_ engine: StoreEngine) async throws {
        try await engine.withDatabase { db in
            let raw = try await db.openEngine()
            try await DirectorStore.migrate(raw, upTo: 1)
            try await raw.transaction { sql in
                try await sql.query("INSERT INTO deployments (name, manifest, created_at) VALUES ('old', 'name: old', 0)")
                try await sql.query(
                    "INSERT INTO instances (deployment, uuid, group_name, idx, bootstrap, pending) VALUES ('old', 'u-1', 'web', 0, 1, 0)")
            }
            await raw.close()
            try await db.with { store in
                #expect(try await store.schemaVersion() == 2)
                let instance = try #require(try await store.deployment("old")?.instances.first)
                #expect(instance.id == "u-1" && !instance.isIgnored)
                #expect(try await store.setIgnored(true, deployment: "old", instance: "u-1"))
                #expect(try await !store.setIgnored(true, deployment: "old", instance: "nope"))
                // Saving the instance (as a deploy does) keeps the flag `bosh ignore` set.
                try await store.save(instance, deployment: "old")
                #expect(try await store.deployment("old")?.instances.first?.isIgnored == true)
            }
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func addressReservationsBelongToOneDeployment(_ engine: StoreEngine) async throws {
        try await engine.withDatabase { db in
            try await db.with { store in
                #expect(try await store.reserveAddresses(["10.0.0.2": "default", "10.0.0.3": "default"], for: "a").isEmpty)
                #expect(try await store.addressesElsewhere(than: "b") == ["10.0.0.2", "10.0.0.3"])
                #expect(try await store.addressesElsewhere(than: "a").isEmpty)
                // Taken: nothing of b's is reserved.
                #expect(try await store.reserveAddresses(["10.0.0.3": "default", "10.0.0.4": "default"], for: "b") == ["10.0.0.3": "a"])
                #expect(try await store.addressesElsewhere(than: "a").isEmpty)
                // A deployment's own reservation is replaced by its next one.
                #expect(try await store.reserveAddresses(["10.0.0.4": "default"], for: "a").isEmpty)
                #expect(try await store.reserveAddresses(["10.0.0.2": "default"], for: "b").isEmpty)
                // Instances recorded without a reservation (before it existed) count too.
                var old = DeploymentRecord(name: "old")
                old.instances = [instance("web", 0)]
                try await store.save(old)
                #expect(try await store.addressesElsewhere(than: "a") == ["10.0.0.2", "127.0.10.20"])
                #expect(try await store.reserveAddresses(["127.0.10.20": "default"], for: "a") == ["127.0.10.20": "old"])
                try await store.removeDeployment("b")
                #expect(try await store.addressesElsewhere(than: "a") == ["127.0.10.20"])
            }
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func deploymentsAndInstancesRoundTrip(_ engine: StoreEngine) async throws {
        try await engine.withDatabase { db in
            try await db.with { store in
                #expect(try await store.deployment("hello") == nil)
                var record = DeploymentRecord(name: "hello")
                record.manifest = "name: hello\n"
                record.releases = ["hello/0+dev.1"]
                record.configIDs = [3]
                record.upsert(instance("web", 1))
                record.upsert(instance("api", 0, vm: nil, pending: true))
                try await store.save(record)
                #expect(try await store.deployment("hello") == record)

                var changed = instance("web", 1)
                changed.vmCID = "vm-2"
                changed.state = "stopped"
                changed.diskCIDs = ["disk-1"]
                try await store.save(changed, deployment: "hello")
                record.upsert(changed)
                try await store.removeInstance("api-0", deployment: "hello")
                record.remove(id: "api-0")
                #expect(try await store.deployment("hello") == record)

                record.instances = [instance("db", 0)]
                try await store.save(record)
                #expect(try await store.deployment("hello")?.instances.map(\.id) == ["db-0"])
                #expect(try await store.deploymentNames() == ["hello"])
                var other = DeploymentRecord(name: "alpha")
                other.upsert(instance("web", 0))
                try await store.save(other)
                #expect(try await store.deployments() == [other, try #require(try await store.deployment("hello"))])
                try await store.removeDeployment("alpha")
                try await store.removeDeployment("hello")
                #expect(try await store.deploymentNames().isEmpty)
                #expect(try await store.deployment("hello") == nil)
            }
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func tasksOutputsAndFilters(_ engine: StoreEngine) async throws {
        try await engine.withDatabase { db in
            try await db.with { store in
                let a = try await store.createTask(type: "update_deployment", description: "create deployment", deployment: "web")
                let b = try await store.createTask(type: "vms", description: "retrieve vm-stats", deployment: "web", contextID: "ctx")
                #expect(b.id == a.id + 1)
                #expect(a.state == .queued && a.user == "admin")

                // Output read from any byte offset while it grows.
                try await store.appendOutput(Array("{\"a\":1}\n".utf8), to: a.id, kind: .event)
                try await store.appendOutput(Array("{\"b\":2}\n".utf8), to: a.id, kind: .event)
                let whole = try await store.output(of: a.id, kind: .event)
                #expect(String(decoding: whole.bytes, as: UTF8.self) == "{\"a\":1}\n{\"b\":2}\n")
                #expect(whole.size == 16)
                let tail = try await store.output(of: a.id, kind: .event, from: 3)
                #expect(String(decoding: tail.bytes, as: UTF8.self) == "\":1}\n{\"b\":2}\n")
                #expect(try await store.output(of: a.id, kind: .event, from: 8).bytes == Array("{\"b\":2}\n".utf8))
                #expect(try await store.output(of: a.id, kind: .event, from: 16).bytes.isEmpty)
                #expect(try await store.output(of: a.id, kind: .event, from: 99).size == 16)
                #expect(try await store.output(of: a.id, kind: .debug).size == 0)
                try await store.appendOutput([0, 255, 10], to: a.id, kind: .cpi)
                #expect(try await store.output(of: a.id, kind: .cpi).bytes == [0, 255, 10])

                let claimed = try await store.claimTask(worker: "w1")
                #expect(claimed?.id == a.id && claimed?.state == .processing && claimed?.worker == "w1" && claimed?.startedAt != nil)
                try await store.finishTask(a.id, state: .done, result: "ok")
                #expect(try await store.task(a.id)?.state == .done)
                #expect(try await store.task(a.id)?.result == "ok")

                #expect(try await store.cancelTask(b.id) == .cancelled)
                #expect(try await store.claimTask(worker: "w1") == nil)
                let c = try await store.createTask(type: "update_release", description: "upload", state: .processing, worker: "me")
                #expect(try await store.cancelTask(c.id) == .cancelling)

                #expect(try await store.tasks().map(\.id) == [c.id, b.id, a.id])
                #expect(try await store.tasks(TaskFilter(states: [.cancelled, .done])).map(\.id) == [b.id, a.id])
                #expect(try await store.tasks(TaskFilter(deployment: "web", limit: 1)).map(\.id) == [b.id])
                #expect(try await store.tasks(TaskFilter(types: ["update_release"])).map(\.id) == [c.id])
                #expect(try await store.tasks(TaskFilter(contextID: "ctx")).map(\.id) == [b.id])
                #expect(try await store.task(9999) == nil)
            }
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func twoWorkerPoolsOnOneQueueRunEachTaskExactlyOnce(_ engine: StoreEngine) async throws {
        try await engine.withDatabase { db in
            // Two stores stand for two director processes sharing the database.
            let first = try await db.open()
            let second = try await db.open()
            defer { Task { await first.close(); await second.close() } }
            let count = 40
            for n in 0..<count { _ = try await first.createTask(type: "noop", description: "task \(n)") }
            let runs = Mutex<[Int]>([])
            let handler: TaskWorkers.Handler = { task in
                runs.withLock { $0.append(task.id) }
                try await Task.sleep(for: .milliseconds(2))
                return "ran \(task.id)"
            }
            let pools = [
                TaskWorkers(store: first, count: 3, prefix: "one", pollInterval: .milliseconds(10), handler: handler),
                TaskWorkers(store: second, count: 3, prefix: "two", pollInterval: .milliseconds(10), handler: handler),
            ]
            await withTaskGroup(of: Void.self) { group in
                for pool in pools {
                    for n in 1...pool.count {
                        group.addTask { while await pool.runOnce(worker: "\(pool.prefix)/\(n)") {} }
                    }
                }
            }
            let ran = runs.withLock { $0 }
            #expect(ran.count == count)
            #expect(Set(ran).count == count)
            let tasks = try await first.tasks()
            #expect(tasks.allSatisfy { $0.state == .done && $0.result == "ran \($0.id)" })
            #expect(Set(tasks.compactMap(\.worker).map { $0.prefix(3) }) == ["one", "two"])
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func aFailingOrCancelledTaskEndsSo(_ engine: StoreEngine) async throws {
        try await engine.withDatabase { db in
            try await db.with { store in
                let failing = try await store.createTask(type: "noop", description: "fails")
                let workers = TaskWorkers(store: store, count: 1) { task in
                    if task.id == failing.id { throw TestFailure("boom") }
                    _ = try await store.cancelTask(task.id)  // cancelled while it runs
                    return nil
                }
                let cancelled = try await store.createTask(type: "noop", description: "cancelled")
                #expect(await workers.runOnce(worker: "w"))
                #expect(await workers.runOnce(worker: "w"))
                #expect(await !workers.runOnce(worker: "w"))
                #expect(try await store.task(failing.id)?.state == .error)
                #expect(try await store.task(failing.id)?.result == "boom")
                #expect(try await store.task(cancelled.id)?.state == .cancelled)
            }
        }
    }

    /// A clock the test moves: lock expiry is judged by the store's clock, not by how fast a loaded machine runs.
    final class ManualClock: Sendable {
        private let current = Mutex(Date(timeIntervalSince1970: 1_800_000_000))
        var now: Date { current.withLock { $0 } }
        func advance(_ seconds: Double) { current.withLock { $0 = $0.addingTimeInterval(seconds) } }
    }

    @Test(arguments: StoreEngine.allCases)
    func locksAreExclusiveRenewedAndTakenOverWhenExpiredOrTheirHolderDied(_ engine: StoreEngine) async throws {
        try await engine.withDatabase { db in
            let clock = ManualClock()
            let store = try await db.open(now: { clock.now })
            defer { Task { await store.close() } }
            let name = LockRecord.deployment("web")
            let held = try await store.acquireLock(name, taskID: "12", description: "deploy", expiration: .seconds(2))
            let firstExpiry = held.record.expiresAt
            do {
                _ = try await store.acquireLock(name, taskID: "13", description: "deploy")
                Issue.record("a held lock was taken twice")
            } catch let error as StoreError {
                #expect(error.isLockHeld)
                #expect(error.description.hasPrefix("Failed to acquire lock for lock:deployment:web uid: "))
                #expect(error.description.hasSuffix(". Locking task id is 12"))
            }
            // Renewed while held (every half second): its expiry moves with the clock.
            clock.advance(1)
            let renewed = try await Self.eventually(seconds: 20) {
                (try await store.locks().first?.expiresAt ?? firstExpiry) > firstExpiry
            }
            #expect(renewed)
            let listed = try await store.locks()
            #expect(listed.map(\.name) == [name])
            #expect(listed.first?.type == "deployment" && listed.first?.resource == ["web"] && listed.first?.taskID == "12")
            await #expect(throws: StoreError.self) { _ = try await store.acquireLock(name, taskID: "13", description: "deploy") }
            await held.release()
            #expect(try await store.locks().isEmpty)
            let again = try await store.acquireLock(name, taskID: "14", description: "deploy")
            await again.release()

            // A holder on another machine that stopped renewing: taken over once expired.
            let inAMinute = Int64(clock.now.timeIntervalSince1970 * 1000) + 60_000
            _ = try await store.engine.transaction { sql in
                try await sql.query(
                    "INSERT INTO locks (name, uid, task_id, owner, description, expired_at) VALUES ($1, 'x', '7', 'elsewhere:1', 'deploy', $2)",
                    [.text(name), .integer(inAMinute)])
            }
            await #expect(throws: StoreError.self) { _ = try await store.acquireLock(name, taskID: "15", description: "deploy") }
            clock.advance(61)
            let takenOver = try await store.acquireLock(name, taskID: "15", description: "deploy")
            await takenOver.release()

            // A holder process of this machine that no longer exists: taken over at once.
            let dead = try await Self.deadPID()
            _ = try await store.engine.transaction { sql in
                try await sql.query(
                    "INSERT INTO locks (name, uid, task_id, owner, description, expired_at) VALUES ($1, 'y', '8', $2, 'deploy', $3)",
                    [.text(name), .text("\(ProcessInfo.processInfo.hostName):\(dead)"),
                     .integer(Int64(clock.now.timeIntervalSince1970 * 1000) + 60_000)])
            }
            let fromTheDead = try await store.acquireLock(name, taskID: "16", description: "deploy")
            #expect(fromTheDead.record.taskID == "16")
            await fromTheDead.release()
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func withLocksTakesNamesInOrderWaitsForAHolderAndReleasesAll(_ engine: StoreEngine) async throws {
        try await engine.withDatabase { db in
            try await db.with { store in
                let a = LockRecord.release("a"), b = LockRecord.release("b")
                let holder = try await store.acquireLock(b, taskID: "1", description: "upload release: b")
                // Task 2 wants b and a: it takes a first (sorted order), then waits for b.
                let waiting = Task {
                    try await store.withLocks([b, a], taskID: "2", description: "deploy", waiting: .seconds(120)) {
                        try await store.locks().map { "\($0.name)=\($0.taskID)" }
                    }
                }
                let tookA = try await Self.eventually(seconds: 30) {
                    try await store.locks().map { "\($0.name)=\($0.taskID)" } == ["\(a)=2", "\(b)=1"]
                }
                #expect(tookA)
                await holder.release()
                #expect(try await waiting.value == ["\(a)=2", "\(b)=2"])
                #expect(try await store.locks().isEmpty)

                // Still held when the wait ends: the director's message, and nothing left held.
                let again = try await store.acquireLock(b, taskID: "3", description: "delete release: b")
                do {
                    try await store.withLocks([a, b], taskID: "4", description: "deploy", waiting: .milliseconds(300)) {}
                    Issue.record("a held lock was taken")
                } catch let error as StoreError {
                    #expect(error.isLockHeld && error.description.hasSuffix(". Locking task id is 3"), "\(error)")
                }
                #expect(try await store.locks().map(\.name) == [b])
                await again.release()

                // A body that throws releases every lock.
                struct Failure: Error {}
                await #expect(throws: Failure.self) {
                    try await store.withLocks([a, b], taskID: "5", description: "deploy") { throw Failure() }
                }
                #expect(try await store.locks().isEmpty)
            }
        }
    }

    /// Polls `condition` every 50 ms until it holds or `seconds` pass.
    static func eventually(seconds: Double, _ condition: () async throws -> Bool) async throws -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try await condition() { return true }
            try await Task.sleep(for: .milliseconds(50))
        }
        return try await condition()
    }

    /// The pid of a process that has exited (and been reaped).
    static func deadPID() async throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/true")
        try process.run()
        process.waitUntilExit()
        return process.processIdentifier
    }

    @Test(arguments: StoreEngine.allCases)
    func eventsConfigsReleasesStemcellsVMsAndHeartbeats(_ engine: StoreEngine) async throws {
        try await engine.withDatabase { db in
            try await db.with { store in
                let start = try await store.record(EventRecord(action: "create", objectType: "deployment", objectName: "web", task: "3", deployment: "web"))
                let end = try await store.record(
                    EventRecord(action: "create", objectType: "deployment", objectName: "web", task: "3", deployment: "web", error: "boom", parentID: start))
                try await store.record(EventRecord(action: "delete", objectType: "release", objectName: "hello"))
                #expect(try await store.events().count == 3)
                let webEvents = try await store.events(EventFilter(deployment: "web"))
                #expect(webEvents.map(\.id) == [end, start])
                #expect(webEvents.first?.parentID == start && webEvents.first?.error == "boom")
                #expect(try await store.events(EventFilter(beforeID: end)).map(\.id) == [start])

                let v1 = try await store.updateConfig(type: "cloud", content: "azs: []\n")
                #expect(v1.created)
                #expect(try await store.updateConfig(type: "cloud", content: "azs: []\n").created == false)
                await #expect(throws: StoreError.self) {
                    try await store.updateConfig(type: "cloud", content: "azs: [z1]\n", expectedLatestID: v1.config.id + 5)
                }
                let v2 = try await store.updateConfig(type: "cloud", content: "azs: [z1]\n", expectedLatestID: v1.config.id)
                try await store.updateConfig(type: "runtime", name: "dns", content: "addons: []\n")
                #expect(try await store.latestConfig(type: "cloud")?.id == v2.config.id)
                #expect(try await store.configs().map(\.id).count == 2)
                #expect(try await store.configs(type: "cloud", history: true).map(\.id) == [v2.config.id, v1.config.id])
                #expect(try await store.config(id: v1.config.id)?.content == "azs: []\n")
                #expect(try await store.deleteConfig(type: "runtime", name: "dns"))
                #expect(try await store.configs(type: "runtime").isEmpty)

                let release = ReleaseRecord(
                    name: "hello", version: "1", tarball: "/r/hello-1.tgz",
                    jobs: [.init(name: "web", version: "j1", blobstoreID: "b1", sha1: "s1", dependencies: ["ruby"])],
                    packages: [.init(name: "ruby", version: "p1", blobstoreID: "b2", sha1: "s2", dependencies: []),
                               .init(name: "app", version: "p2", blobstoreID: "b3", sha1: "s3", dependencies: ["ruby"])])
                try await store.add(release)
                await #expect(throws: StoreError.self) { try await store.add(release) }
                var second = release
                second.version = "2"
                try await store.add(second)
                #expect(try await store.releases() == [release, second])
                #expect(try await store.removeRelease("hello", version: "1"))
                #expect(try await store.releases() == [second])

                let stemcell = StemcellRecord(name: "bosh-local", version: "1.0", os: "ubuntu-jammy", apiVersion: 2, cid: "sc-1")
                try await store.add(stemcell)
                #expect(try await store.stemcells() == [stemcell])
                #expect(try await store.removeStemcell("bosh-local", version: "1.0"))
                let compiled = CompiledPackageRecord(key: "hello/ruby/p1/ubuntu-jammy/1.0/", name: "ruby", version: "p1", blobstoreID: "c1", sha1: "cs1")
                try await store.add(compiled)
                try await store.add(compiled)
                #expect(try await store.compiledPackages() == [compiled])

                try await store.save(VMRecord(agentID: "a1", deployment: "web", instanceID: "web-0", purpose: "instance"))
                try await store.save(VMRecord(agentID: "a1", deployment: "web", instanceID: "web-0", purpose: "instance", cid: "vm-9"))
                try await store.save(VMRecord(agentID: "c1", deployment: "web", instanceID: nil, purpose: "compilation"))
                #expect(try await store.vms(of: "web").map(\.cid) == ["vm-9", nil])
                try await store.removeVMs(cid: "vm-9")
                try await store.removeVM(agentID: "c1")
                #expect(try await store.vms(of: "web").isEmpty)

                try await store.recordHeartbeat(agentID: "a1", deployment: "web", job: "web", index: 0, jobState: "running")
                try await store.recordHeartbeat(agentID: "a1", deployment: "web", job: "web", index: 0, jobState: "failing")
                #expect(try await store.lastHeartbeat(agentID: "a1")?.jobState == "failing")
            }
        }
    }
}

import AgentProtocol
import CPIProtocol
import Foundation
import Scheduler

/// Compiles packages as the director's package compile stage does: wave by wave in dependency order, at most
/// `compilation.workers` at once, each on a fresh compilation VM whose agent runs the package's `packaging`
/// script; compiled packages are kept and reused by later deploys.
struct PackageCompiler: Sendable {
    let director: LocalDirector
    let output: TaskOutput
    /// Source packages by `release/package`.
    let sources: [String: ReleaseRecord.Blob]
    let stemcell: StemcellRecord
    /// One VM request template per worker slot (networks with distinct addresses).
    let slots: [VMRequest]

    /// The compiled packages of `plan` for the stemcell, by `release/package`.
    func compile(_ tasks: [[CompilationPlan.Task]]) async throws -> [String: CompiledPackageRecord] {
        var known = Dictionary(
            try await director.store.compiledPackages().map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        var compiled: [String: CompiledPackageRecord] = [:]
        for wave in tasks {
            var pending: [(CompilationPlan.Task, String)] = []
            for task in wave {
                let key = cacheKey(task)
                if let hit = known[key] { compiled[task.description] = hit } else { pending.append((task, key)) }
            }
            let done = compiled
            let results = try await withThrowingTaskGroup(of: (slot: Int, record: CompiledPackageRecord).self) { group in
                var out: [CompiledPackageRecord] = []
                var next = 0
                // A slot (its VM's addresses) is free again only when the task that held it has finished.
                var free = Array(slots.indices)
                while next < pending.count || !group.isEmpty {
                    while next < pending.count, let slot = free.popLast() {
                        let (task, key) = pending[next]
                        next += 1
                        group.addTask { [self] in
                            (slot, try await compileOne(task, key: key, slot: slots[slot], compiled: done))
                        }
                    }
                    guard let (slot, record) = try await group.next() else { break }
                    out.append(record)
                    free.append(slot)
                }
                return out
            }
            let byKey = Dictionary(results.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
            for (task, key) in pending {
                compiled[task.description] = byKey[key]
                known[key] = byKey[key]
            }
            for record in results { try await director.store.add(record) }
        }
        return compiled
    }

    private func cacheKey(_ task: CompilationPlan.Task) -> String {
        "\(task.release)/\(task.package)/\(task.fingerprint)/\(stemcell.os)/\(stemcell.version)/\(task.dependencyKey)"
    }

    private func compileOne(
        _ task: CompilationPlan.Task, key: String, slot: VMRequest, compiled: [String: CompiledPackageRecord]
    ) async throws -> CompiledPackageRecord {
        guard let source = sources[task.description] else {
            throw DirectorError("Package '\(task.description)' is not in any uploaded release")
        }
        var dependencies: [String: CompileDependency] = [:]
        for name in task.dependencies {
            guard let dependency = compiled["\(task.release)/\(name)"] else {
                throw DirectorError("Package '\(task.description)' depends on '\(name)', which was not compiled")
            }
            dependencies[name] = CompileDependency(
                name: name, version: dependency.version, sha1: dependency.sha1, blobstoreID: dependency.blobstoreID)
        }
        return try await output.track("Compiling packages", task: "\(task.package)/\(task.fingerprint)") {
            var request = slot
            request.agentID = "compile-" + UUID().uuidString.lowercased()
            request.purpose = "compilation"
            let cid = try await director.createVM(request)
            do {
                let result = try await director.agents.compilePackage(
                    request.agentID, blobstoreID: source.blobstoreID, sha1: source.sha1, name: task.package,
                    version: task.fingerprint, dependencies: dependencies)
                try? await director.deleteVM(cid)
                guard let blob = result.result.blobstoreID else {
                    throw DirectorError("Compiling '\(task.description)': the agent returned no blob")
                }
                return CompiledPackageRecord(
                    key: key, name: task.package, version: task.fingerprint, blobstoreID: blob, sha1: result.result.sha1)
            } catch {
                try? await director.deleteVM(cid)
                let reason = (error as? AgentError)?.message ?? "\(error)"
                throw DirectorError("Compiling package '\(task.description)' failed: \(reason)")
            }
        }
    }
}

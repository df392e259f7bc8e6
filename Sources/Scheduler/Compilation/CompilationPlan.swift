import ManifestModel

/// What to compile before updating: per stemcell, the packages the deployment's jobs need, in dependency
/// order, on ``workers`` compilation VMs at once.
public struct CompilationPlan: Sendable, Codable, Hashable {
    /// One package to compile for one stemcell.
    public struct Task: Sendable, Codable, Hashable, CustomStringConvertible {
        /// The release.
        public var release: String
        /// The package.
        public var package: String
        /// Its fingerprint.
        public var fingerprint: String
        /// Its direct dependencies (names in the same release).
        public var dependencies: [String]
        /// The director's dependency key: JSON of the sorted dependencies, each `[name, version(, [sub-deps])]`.
        public var dependencyKey: String

        /// `release/package`.
        public var description: String { "\(release)/\(package)" }
    }

    /// The packages of one stemcell.
    public struct Stemcell: Sendable, Codable, Hashable {
        /// `os/version`.
        public var stemcell: String
        /// Waves: every task of a wave only depends on tasks of earlier waves, so a wave's tasks can compile
        /// in parallel (the director starts a package as soon as its dependencies are compiled).
        public var waves: [[Task]]
        /// All tasks in dependency order.
        public var tasks: [Task] { waves.flatMap { $0 } }
    }

    /// `compilation.workers`: how many packages compile at once.
    public var workers: Int
    /// `compilation.reuse_compilation_vms`.
    public var reuseCompilationVMs: Bool
    /// One entry per stemcell the instance groups use, in manifest order.
    public var stemcells: [Stemcell]
}

/// Plans compilation (`package_compile_stage.rb`, `compiled_package_requirement_generator.rb`): the packages
/// of the jobs instance groups use, plus their transitive dependencies, per stemcell, skipping compiled
/// releases; ordered as Kahn's topological waves.
enum CompilationPlanner {
    static func plan(manifest: DeploymentManifest, cloudConfig: CloudConfig, graph: PackageCatalog) throws -> CompilationPlan {
        var order: [String] = []
        var needed: [String: [String: PackageCatalog.Package]] = [:]  // stemcell → key → package
        for group in manifest.allInstanceGroups {
            let stemcell = group.stemcell.flatMap { alias in manifest.stemcells?.first { $0.alias == alias } }
                .map { "\($0.os ?? $0.name ?? "?")/\($0.version)" } ?? "default"
            for job in group.allJobs where !graph.compiledReleases.contains(job.release) {
                guard graph.knows(release: job.release, job: job.name) else {
                    throw SchedulerError(.compilation, .manifest, Paths.job(group.name, job.name),
                        "Job '\(job.name)' of release '\(job.release)' is not in the package catalog")
                }
                if needed[stemcell] == nil { order.append(stemcell) }
                for p in graph.closure(release: job.release, job: job.name) {
                    needed[stemcell, default: [:]]["\(p.release)/\(p.name)"] = p
                }
            }
        }
        var stemcells: [CompilationPlan.Stemcell] = []
        for stemcell in order {
            stemcells.append(.init(stemcell: stemcell, waves: try waves(Array(needed[stemcell, default: [:]].values), graph: graph)))
        }
        return CompilationPlan(
            workers: cloudConfig.compilation?.workers ?? 1,
            reuseCompilationVMs: cloudConfig.compilation?.reuseCompilationVMs ?? false, stemcells: stemcells)
    }

    static func waves(_ packages: [PackageCatalog.Package], graph: PackageCatalog) throws -> [[CompilationPlan.Task]] {
        let byKey = Dictionary(packages.map { ("\($0.release)/\($0.name)", $0) }, uniquingKeysWith: { a, _ in a })
        var pending: [String: Int] = [:]
        var dependents: [String: [String]] = [:]
        for (key, p) in byKey {
            for d in p.dependencies {
                let dk = "\(p.release)/\(d)"
                guard byKey[dk] != nil else {
                    throw SchedulerError(.compilation, .release, Paths.packageDependencies(p.name),
                        "Package '\(p.name)' of release '\(p.release)' depends on unknown package '\(d)'")
                }
                pending[key, default: 0] += 1
                dependents[dk, default: []].append(key)
            }
        }
        var ready = byKey.keys.filter { pending[$0, default: 0] == 0 }.sorted()
        var waves: [[CompilationPlan.Task]] = []
        var done = 0
        var keys: [String: String] = [:]
        while !ready.isEmpty {
            var next: [String] = []
            var wave: [CompilationPlan.Task] = []
            for key in ready {
                let p = byKey[key]!
                wave.append(.init(release: p.release, package: p.name, fingerprint: p.fingerprint,
                    dependencies: p.dependencies.sorted(), dependencyKey: dependencyKey(p, graph: graph, memo: &keys)))
                for d in dependents[key] ?? [] {
                    pending[d]! -= 1
                    if pending[d] == 0 { next.append(d) }
                }
            }
            done += wave.count
            waves.append(wave)
            ready = next.sorted()
        }
        if done < byKey.count {
            let stuck = byKey.keys.filter { pending[$0, default: 0] > 0 }.sorted()
            throw SchedulerError(.compilation, .release, "/packages",
                "Packages [\(stuck.joined(separator: ", "))] have a dependency cycle")
        }
        return waves
    }

    /// `[]` for none; `[["pkg_1","<version>"],["pkg_4","<version>",[[…sub-deps…]]]]`, sorted by name.
    static func dependencyKey(_ p: PackageCatalog.Package, graph: PackageCatalog, memo: inout [String: String]) -> String {
        let key = "\(p.release)/\(p.name)"
        if let k = memo[key] { return k }
        var parts: [String] = []
        for name in p.dependencies.sorted() {
            guard let d = graph.package(release: p.release, name: name) else { continue }
            let sub = dependencyKey(d, graph: graph, memo: &memo)
            parts.append("[\"\(name)\",\"\(d.fingerprint)\"" + (sub == "[]" ? "" : ",\(sub)") + "]")
        }
        let k = "[" + parts.joined(separator: ",") + "]"
        memo[key] = k
        return k
    }
}

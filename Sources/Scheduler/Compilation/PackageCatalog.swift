/// The packages of the deployment's releases and which packages each job needs: the Scheduler's input for
/// compilation planning (and for the `packages` part of change detection).
///
/// ReleaseSpec's release manifests adapt to this value; nothing here reads a release.
public struct PackageCatalog: Sendable, Hashable {
    /// One package of a release.
    public struct Package: Sendable, Hashable, Codable {
        /// The release it belongs to.
        public var release: String
        /// Its name.
        public var name: String
        /// Its fingerprint (the package version in the release manifest).
        public var fingerprint: String
        /// Names of packages of the same release it depends on.
        public var dependencies: [String]

        /// Creates a package.
        public init(release: String, name: String, fingerprint: String, dependencies: [String] = []) {
            self.release = release
            self.name = name
            self.fingerprint = fingerprint
            self.dependencies = dependencies
        }
    }

    private(set) var packages: [String: Package] = [:]
    private(set) var jobPackages: [String: [String]] = [:]
    /// Releases that ship compiled packages (nothing to compile for them).
    public var compiledReleases: Set<String> = []

    /// An empty graph.
    public init() {}

    /// Adds a package.
    public mutating func add(_ package: Package) { packages["\(package.release)/\(package.name)"] = package }

    /// Records which packages `job` of `release` needs.
    public mutating func add(release: String, job: String, packages names: [String]) {
        jobPackages["\(release)/\(job)"] = names
    }

    func package(release: String, name: String) -> Package? { packages["\(release)/\(name)"] }

    /// Whether the graph knows `job` of `release`.
    public func knows(release: String, job: String) -> Bool { jobPackages["\(release)/\(job)"] != nil }

    /// The packages `job` needs, with their transitive dependencies (unknown names are skipped here and
    /// reported by ``CompilationPlanner``).
    func closure(release: String, job: String) -> [Package] {
        var seen = Set<String>()
        var out: [Package] = []
        var stack = jobPackages["\(release)/\(job)"] ?? []
        while let name = stack.popLast() {
            guard seen.insert(name).inserted, let p = package(release: release, name: name) else { continue }
            out.append(p)
            stack += p.dependencies
        }
        return out
    }
}

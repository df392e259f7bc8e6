/// Packages and their dependencies, ordered for compilation: every package after the packages it
/// depends on, deterministically (names in byte order at each step), limited to what a set of roots needs.
public struct PackageGraph: Hashable, Sendable {
    /// Each package's dependencies, by package name.
    public let dependencies: [String: [String]]

    /// Creates a graph from package names and their dependencies.
    public init(_ dependencies: [String: [String]]) { self.dependencies = dependencies }

    /// The graph of a release manifest's packages (source or compiled).
    public init(_ manifest: ReleaseManifest) {
        var map: [String: [String]] = [:]
        for package in manifest.allPackages { map[package.name] = package.dependencies }
        self.init(map)
    }

    /// The packages in compile order: dependencies first.
    /// - Parameter roots: the packages that are needed (with everything they depend on); all when `nil`.
    /// - Throws: ``ReleaseSpecError`` `.cycle` naming the cycle (`a -> b -> a`), or `.dependency` when a
    ///   package or dependency does not exist.
    public func compileOrder(for roots: [String]? = nil) throws(ReleaseSpecError) -> [String] {
        var order: [String] = []
        var done: Set<String> = []
        var stack: [String] = []
        func visit(_ name: String, from parent: String?) throws(ReleaseSpecError) {
            if done.contains(name) { return }
            if let index = stack.firstIndex(of: name) {
                let cycle = stack[index...] + [name]
                throw ReleaseSpecError(
                    .cycle, "packages depend on each other in a cycle: \(cycle.joined(separator: " -> "))",
                    package: name)
            }
            guard let deps = dependencies[name] else {
                if let parent {
                    throw ReleaseSpecError(
                        .dependency,
                        "expected to find package '\(name)' since it's a dependency of package '\(parent)'",
                        package: parent)
                }
                throw ReleaseSpecError(.dependency, "package '\(name)' does not exist", package: name)
            }
            stack.append(name)
            for dependency in Set(deps).sorted() { try visit(dependency, from: name) }
            stack.removeLast()
            done.insert(name)
            order.append(name)
        }
        for root in Set(roots ?? Array(dependencies.keys)).sorted() { try visit(root, from: nil) }
        return order
    }
}

extension Release {
    /// The release's packages that the given jobs need (their `packages` and everything those depend on),
    /// in compile order. Pass the job names of the instance groups being deployed.
    /// - Throws: ``ReleaseSpecError`` for an unknown job, a missing package, or a dependency cycle.
    public func compileOrder(forJobs jobNames: [String]) throws(ReleaseSpecError) -> [String] {
        var roots: [String] = []
        for name in jobNames {
            guard let job = job(named: name) else {
                throw ReleaseSpecError(
                    .dependency, "job '\(name)' is not in release '\(manifest.name)'", file: tarball, job: name)
            }
            roots += job.spec.packages
        }
        return try PackageGraph(manifest).compileOrder(for: roots)
    }

    /// All of the release's packages in compile order.
    public func compileOrder() throws(ReleaseSpecError) -> [String] { try PackageGraph(manifest).compileOrder() }
}

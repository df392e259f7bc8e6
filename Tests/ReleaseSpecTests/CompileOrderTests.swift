import ReleaseSpec
import Testing

/// Packages in dependency order, only what is needed, cycles named.
@Suite struct CompileOrderTests {
    let graph = PackageGraph([
        "app": ["lib", "runtime"], "lib": ["runtime"], "runtime": [], "tool": ["runtime"], "zeta": [],
    ])

    @Test func dependenciesComeFirstDeterministically() throws {
        #expect(try graph.compileOrder() == ["runtime", "lib", "app", "tool", "zeta"])
        #expect(try graph.compileOrder() == (try graph.compileOrder()))
    }

    @Test func onlyWhatTheRootsNeed() throws {
        #expect(try graph.compileOrder(for: ["lib"]) == ["runtime", "lib"])
        #expect(try graph.compileOrder(for: ["tool", "lib", "tool"]) == ["runtime", "lib", "tool"])
    }

    @Test func aCycleIsNamed() throws {
        let cyclic = PackageGraph(["a": ["b"], "b": ["c"], "c": ["a"], "d": []])
        let error = try #require(throws: ReleaseSpecError.self) { try cyclic.compileOrder() }
        #expect(error.kind == .cycle)
        #expect(error.message == "packages depend on each other in a cycle: a -> b -> c -> a")
        let selfLoop = PackageGraph(["x": ["x"]])
        #expect(throws: ReleaseSpecError.self) { try selfLoop.compileOrder() }
    }

    @Test func missingPackages() throws {
        let error = try #require(throws: ReleaseSpecError.self) { try PackageGraph(["a": ["nope"]]).compileOrder() }
        #expect(error.message == "expected to find package 'nope' since it's a dependency of package 'a'")
        #expect(throws: ReleaseSpecError.self) { try graph.compileOrder(for: ["unknown"]) }
    }

    @Test func forTheJobsOfARelease() throws {
        let release = try ReleaseTarball.read(at: Fixtures.release("bosh-release-0+dev.1.tgz"))
        #expect(try release.compileOrder(forJobs: ["foobar"]) == ["foo", "bar"])
        #expect(try release.compileOrder(forJobs: ["transitive_deps"]) == ["c", "b", "a"])
        let unknown = try #require(throws: ReleaseSpecError.self) { try release.compileOrder(forJobs: ["nope"]) }
        #expect(unknown.message == "job 'nope' is not in release 'bosh-release'")
    }
}

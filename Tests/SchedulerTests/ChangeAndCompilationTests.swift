import Testing
import ManifestModel
import Scheduler

/// Change detection (`instance_plan.rb#changes`, `update_procedure.rb`).
@Suite struct ChangeDetectionTests {
    private let current = InstanceSpec(
        stemcell: "ubuntu-jammy/1.5", vmType: "small", vmExtensions: [], env: "e", networks: ["default": "10.0.1.21"],
        persistentDiskSize: 0, jobs: ["app/web"], properties: "p", packages: "k")

    private func change(_ edit: (inout InstanceSpec) -> Void, _ requests: ChangeDetector.Requests = .init()) -> String {
        var desired = current
        edit(&desired)
        return ChangeDetector.change(current: current, desired: desired, requests: requests).description
    }

    @Test func theDirectorsRules() {
        #expect(change { _ in } == "none")
        #expect(change { $0.stemcell = "ubuntu-jammy/1.6" } == "recreate (stemcell)")
        #expect(change { $0.vmType = "large" } == "recreate (cloud_properties)")
        #expect(change { $0.env = "f" } == "recreate (env)")
        #expect(change { $0.networks = ["default": "10.0.1.22"] } == "recreate (network)")
        #expect(change { $0.persistentDiskSize = 10240 } == "update (persistent_disk)")
        #expect(change { $0.jobs = ["app/web", "app/worker"] } == "update (job)")
        #expect(change { $0.packages = "l" } == "update (packages)")
        #expect(change { $0.properties = "q" } == "update (configuration)")
        #expect(change({ $0.properties = "q" }, .init(recreate: true)) == "recreate (recreate, configuration)")
        #expect(change({ _ in }, .init(restart: true)) == "restart (restart)")
        #expect(change { $0.stemcell = "x/1"; $0.properties = "q" } == "recreate (stemcell, configuration)")
    }

    @Test func unknownCurrentFieldsAreNotChanges() {
        #expect(ChangeDetector.change(current: InstanceSpec(), desired: current).action == .none)
    }

    @Test func thePlannerComparesTheManifestWithTheCurrentSpec() throws {
        var web = existing("web", 0, "z1", ip: "10.0.1.21")
        let fresh = try plan(group("web", instances: 1, azs: ["z1"])).instanceGroups[0].instances[0].spec
        web.current = fresh
        web.current?.stemcell = "ubuntu-jammy/1.4"
        let p = try plan(group("web", instances: 1, azs: ["z1"]), state: DeploymentState(instances: [web]))
        #expect(p.instanceGroups[0].instances[0].change.description == "recreate (stemcell)")
        web.current = fresh
        let same = try plan(group("web", instances: 1, azs: ["z1"]), state: DeploymentState(instances: [web]))
        #expect(same.instanceGroups[0].instances[0].change.action == InstanceChange.Action.none)
    }
}

/// Compilation planning (`package_compile_stage_spec.rb`, `compiled_package_requirement_generator_spec.rb`).
@Suite struct CompilationTests {
    private var graph: PackageCatalog {
        var g = PackageCatalog()
        g.add(.init(release: "app", name: "pkg_1", fingerprint: "16b4"))
        g.add(.init(release: "app", name: "pkg_2", fingerprint: "f5c1"))
        g.add(.init(release: "app", name: "pkg_3_depends_on_2", fingerprint: "413e", dependencies: ["pkg_2"]))
        g.add(.init(release: "app", name: "pkg_4_depends_on_3", fingerprint: "9207", dependencies: ["pkg_3_depends_on_2"]))
        g.add(.init(release: "app", name: "unused", fingerprint: "0000"))
        g.add(release: "app", job: "web-job", packages: ["pkg_1", "pkg_4_depends_on_3"])
        return g
    }

    @Test func packagesCompileInDependencyOrderWithTheWorkerCount() throws {
        let plan = try DeploymentPlanner(manifest: try manifest(group("web", instances: 1)), cloudConfig: try cloudConfig(), packageCatalog: graph).plan()
        let compilation = try #require(plan.compilation)
        #expect(compilation.workers == 4)
        #expect(compilation.reuseCompilationVMs)
        #expect(compilation.stemcells.map(\.stemcell) == ["ubuntu-jammy/1.5"])
        #expect(compilation.stemcells[0].waves.map { $0.map(\.package) } == [["pkg_1", "pkg_2"], ["pkg_3_depends_on_2"], ["pkg_4_depends_on_3"]])
    }

    @Test func dependencyKeysMatchTheDirectorsFormat() throws {
        let plan = try DeploymentPlanner(manifest: try manifest(group("web", instances: 1)), cloudConfig: try cloudConfig(), packageCatalog: graph).plan()
        let tasks = try #require(plan.compilation?.stemcells[0].tasks)
        #expect(tasks.first { $0.package == "pkg_1" }?.dependencyKey == "[]")
        #expect(tasks.first { $0.package == "pkg_4_depends_on_3" }?.dependencyKey
            == #"[["pkg_3_depends_on_2","413e",[["pkg_2","f5c1"]]]]"#)
    }

    @Test func cyclesAreAnError() throws {
        var g = PackageCatalog()
        g.add(.init(release: "app", name: "a", fingerprint: "1", dependencies: ["b"]))
        g.add(.init(release: "app", name: "b", fingerprint: "2", dependencies: ["a"]))
        g.add(release: "app", job: "web-job", packages: ["a"])
        let error = #expect(throws: SchedulerError.self) {
            try DeploymentPlanner(manifest: try manifest(group("web", instances: 1)), cloudConfig: try cloudConfig(), packageCatalog: g).plan()
        }
        #expect(error?.kind == .compilation)
        #expect(error?.message == "Packages [app/a, app/b] have a dependency cycle")
    }

    @Test func compiledReleasesAreSkipped() throws {
        var g = graph
        g.compiledReleases = ["app"]
        let plan = try DeploymentPlanner(manifest: try manifest(group("web", instances: 1)), cloudConfig: try cloudConfig(), packageCatalog: g).plan()
        #expect(plan.compilation?.stemcells.isEmpty == true)
    }
}

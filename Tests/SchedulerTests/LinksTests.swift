import Testing
import ManifestModel
import ReleaseSpec
import Scheduler

/// Link resolution, as the director's links specs describe it (`links/links_manager_spec.rb`).
@Suite struct LinksTests {
    private var catalog: LinkCatalog {
        var c = LinkCatalog()
        c.add(release: "app", job: "pg", .init(provides: [.init(name: "db", type: "database", properties: ["port"])], properties: [PropertyDefinition(name: "port")]))
        c.add(release: "app", job: "mysql", .init(provides: [.init(name: "db", type: "database")]))
        c.add(release: "app", job: "api", .init(consumes: [.init(name: "db", type: "database"), .init(name: "cache", type: "redis", optional: true)]))
        return c
    }

    private func resolve(_ groups: String, state: DeploymentState = .empty) throws -> [ResolvedLink] {
        try DeploymentPlanner(manifest: try manifest(groups), cloudConfig: try cloudConfig(), linkCatalog: catalog).plan(state: state).links
    }

    private func group(_ name: String, jobs: String, instances: Int = 1) -> String {
        """
        - name: \(name)
          instances: \(instances)
          azs: [z1]
          vm_type: small
          jobs: \(jobs)
          networks: [{name: default}]

        """
    }

    @Test func implicitLinksResolveByType() throws {
        let links = try resolve(group("db", jobs: "[{name: pg, release: app, properties: {port: 5524}}]", instances: 2) + group("web", jobs: "[{name: api, release: app}]"))
        let db = links.first { $0.name == "db" }
        #expect(db?.provider == "test/db/pg/db")
        #expect(db?.data?.instances.map(\.address) == ["10.0.1.21", "10.0.1.22"])
        #expect(db?.data?.properties == ["port": 5524])
        #expect(db?.data?.defaultNetwork == "default")
        // An optional link without a provider resolves to nothing.
        #expect(links.first { $0.name == "cache" }?.provider == nil)
    }

    @Test func twoProvidersOfTheTypeAreAmbiguous() throws {
        let error = #expect(throws: SchedulerError.self) {
            try resolve(group("a", jobs: "[{name: pg, release: app}]") + group("b", jobs: "[{name: mysql, release: app}]") + group("web", jobs: "[{name: api, release: app}]"))
        }
        #expect(error?.message == """
            Multiple providers of type 'database' found for consumer link 'db' in job 'api' in instance group 'web'. All of these match:
               Deployment: test, instance group: a, job: pg, link name/alias: db
               Deployment: test, instance group: b, job: mysql, link name/alias: db
            """)
        #expect(error?.path == "/instance_groups/name=web/jobs/name=api/consumes/db")
    }

    @Test func explicitFromPicksTheAliasedProvider() throws {
        let links = try resolve(
            group("a", jobs: "[{name: pg, release: app, provides: {db: {as: primary}}}]")
                + group("b", jobs: "[{name: mysql, release: app}]")
                + group("web", jobs: "[{name: api, release: app, consumes: {db: {from: primary}}}]"))
        #expect(links.first { $0.name == "db" }?.provider == "test/a/pg/primary")
    }

    @Test func aMissingRequiredLinkIsAnError() throws {
        let error = #expect(throws: SchedulerError.self) { try resolve(group("web", jobs: "[{name: api, release: app}]")) }
        #expect(error?.message == "Can't resolve link 'db' with type 'database' for job 'api' in instance_group 'web' in deployment 'test'")
    }

    @Test func anExplicitLinkWithoutProviderIsAnError() throws {
        let error = #expect(throws: SchedulerError.self) {
            try resolve(group("a", jobs: "[{name: pg, release: app}]") + group("web", jobs: "[{name: api, release: app, consumes: {db: {from: nope}}}]"))
        }
        #expect(error?.message == "Can't resolve link 'nope' for job 'api' in instance group 'web' in deployment 'test'")
    }

    @Test func nilBlocksOptionalLinksOnly() throws {
        let links = try resolve(group("a", jobs: "[{name: pg, release: app}]") + group("web", jobs: "[{name: api, release: app, consumes: {cache: nil}}]"))
        #expect(links.first { $0.name == "cache" }?.provider == nil)
        #expect(throws: SchedulerError.self) {
            try resolve(group("a", jobs: "[{name: pg, release: app}]") + group("web", jobs: "[{name: api, release: app, consumes: {db: nil}}]"))
        }
    }

    @Test func blockedProvidersAreNotCandidates() throws {
        let links = try resolve(
            group("a", jobs: "[{name: pg, release: app}]") + group("b", jobs: "[{name: mysql, release: app, provides: {db: nil}}]")
                + group("web", jobs: "[{name: api, release: app}]"))
        #expect(links.first { $0.name == "db" }?.provider == "test/a/pg/db")
    }

    @Test func linksSharedByOtherDeploymentsAreUsedWhenAskedFor() throws {
        let data = LinkData(deploymentName: "shared-db", instanceGroup: "pg", defaultNetwork: "default", networks: ["default"],
            instances: [.init(name: "pg", id: "x", index: 0, az: "z1", address: "10.1.0.5", bootstrap: true)], properties: [:])
        let state = DeploymentState(sharedLinks: [SharedLink(deployment: "shared-db", name: "db", type: "database", data: data)])
        let links = try resolve(group("web", jobs: "[{name: api, release: app, consumes: {db: {from: db, deployment: shared-db}}}]"), state: state)
        #expect(links.first { $0.name == "db" }?.data?.instances.first?.address == "10.1.0.5")
    }
}

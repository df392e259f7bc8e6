import Foundation
import ManifestModel
import ReleaseSpec
import Scheduler
import Testing

/// Link properties bound with the provider job's spec defaults (the director's `link_helpers.rb`), and link
/// changes marking consumers changed (`links`).
@Suite struct LinkPropertiesAndChangesTests {
    /// The catalog as the director builds it from release job specs (real spec text, parsed by ReleaseSpec).
    private var catalog: LinkCatalog {
        get throws {
            let nats = try JobSpec(bytes: Array("""
                name: nats
                templates: {}
                provides:
                - name: nats
                  type: nats
                  properties: [nats.port, nats.user, nats.tls.enabled]
                properties:
                  nats.port: {default: 4222}
                  nats.user: {description: the user}
                  nats.tls.enabled: {default: false}
                  nats.password: {default: secret}
                """.utf8), file: "jobs/nats/spec")
            let api = try JobSpec(bytes: Array("""
                name: api
                templates: {}
                consumes:
                - {name: nats, type: nats}
                """.utf8), file: "jobs/api/spec")
            var c = LinkCatalog()
            for spec in [nats, api] {
                c.add(release: "app", job: spec.name ?? "", .init(
                    provides: spec.provides.map { .init(name: $0.name, type: $0.type, optional: $0.optional, properties: $0.properties) },
                    consumes: spec.consumes.map { .init(name: $0.name, type: $0.type, optional: $0.optional) },
                    properties: spec.properties))
            }
            return c
        }
    }

    private func groups(nats: Int = 1, natsProperties: String = "{}", jobProperties: String = "") -> String {
        """
        - name: nats
          instances: \(nats)
          azs: [z1]
          vm_type: small
          stemcell: default
          properties: \(natsProperties)
          jobs: [{name: nats, release: app\(jobProperties)}]
          networks: [{name: default}]
        - name: web
          instances: 1
          azs: [z1]
          vm_type: small
          stemcell: default
          jobs: [{name: api, release: app}]
          networks: [{name: default}]
        - name: worker
          instances: 1
          azs: [z1]
          vm_type: small
          stemcell: default
          jobs: [{name: worker-job, release: app}]
          networks: [{name: default}]

        """
    }

    private func plan(_ groups: String, state: DeploymentState = .empty) throws -> DeploymentPlan {
        try DeploymentPlanner(manifest: try manifest(groups), cloudConfig: try cloudConfig(), linkCatalog: try catalog).plan(state: state)
    }

    /// The state a director records after deploying `plan`: every instance with an id and the spec applied.
    private func deployed(_ plan: DeploymentPlan) -> DeploymentState {
        var instances: [ExistingInstance] = []
        for group in plan.instanceGroups {
            for p in group.instances {
                var addresses: [String: IPv4Address] = [:]
                for a in p.addresses { addresses[a.network] = a.ip }
                instances.append(ExistingInstance(
                    group: p.group, index: p.index, id: p.id ?? "\(p.group)-\(p.index)", az: p.az, addresses: addresses,
                    bootstrap: p.bootstrap, current: p.spec))
            }
        }
        return DeploymentState(instances: instances)
    }

    private func change(_ plan: DeploymentPlan, _ group: String, _ index: Int = 0) -> String? {
        plan.instanceGroups.first { $0.name == group }?.instances.first { $0.index == index }?.change.description
    }

    @Test func aPropertyWithOnlyASpecDefaultReachesTheConsumer() throws {
        // nats.user comes from the instance group's properties (no job-level properties), nats.port and
        // nats.tls.enabled only from the spec defaults; nats.password is declared but not exposed.
        let p = try plan(groups(natsProperties: "{nats: {user: admin}}"))
        let link = try #require(p.links.first { $0.group == "web" && $0.name == "nats" })
        #expect(link.provider == "test/nats/nats/nats")
        #expect(link.data?.properties == ["nats": ["port": 4222, "user": "admin", "tls": ["enabled": false]]])
    }

    @Test func jobPropertiesReplaceTheGroupsAndStillFallBackToDefaults() throws {
        let p = try plan(groups(natsProperties: "{nats: {user: ignored}}", jobProperties: ", properties: {nats: {port: 4333}}"))
        let data = try #require(p.links.first { $0.group == "web" }?.data)
        // The job's own properties win outright; nats.user is declared without a default, so it is null.
        #expect(data.properties == ["nats": ["port": 4333, "user": .null, "tls": ["enabled": false]]])
    }

    @Test func anExposedPropertyTheSpecDoesNotDeclareIsAnError() throws {
        var c = LinkCatalog()
        c.add(release: "app", job: "nats", .init(
            provides: [.init(name: "nats", type: "nats", properties: ["nats.port"])],
            properties: [PropertyDefinition(name: "nats.user")]))
        let error = #expect(throws: SchedulerError.self) {
            try DeploymentPlanner(manifest: try manifest(groups()), cloudConfig: try cloudConfig(), linkCatalog: c).plan()
        }
        #expect(error?.message == "Link property nats.port in template nats is not defined in release spec")
        #expect(error?.path == "/instance_groups/name=nats/jobs/name=nats/provides/nats")
    }

    @Test func aRedeployWithoutChangesChangesNothing() throws {
        let first = try plan(groups())
        #expect(first.instanceGroups.allSatisfy { $0.instances.allSatisfy { $0.spec.links != nil } })
        let again = try plan(groups(), state: deployed(first))
        for group in again.instanceGroups {
            for instance in group.instances { #expect(instance.change.action == .none, "\(instance)") }
        }
    }

    @Test func aScaledUpProviderUpdatesItsConsumersOnly() throws {
        let first = try plan(groups(nats: 1))
        let scaled = try plan(groups(nats: 2), state: deployed(first))
        #expect(scaled.links.first { $0.group == "web" }?.data?.instances.count == 2)
        #expect(change(scaled, "nats", 1) == "create (new)")
        #expect(change(scaled, "nats", 0) == "none")
        #expect(change(scaled, "web") == "update (links)")
        #expect(change(scaled, "worker") == "none")
    }

    @Test func aChangedExposedPropertyUpdatesTheConsumer() throws {
        let first = try plan(groups())
        let changed = try plan(groups(natsProperties: "{nats: {port: 4333}}"), state: deployed(first))
        #expect(change(changed, "nats") == "update (configuration)")
        #expect(change(changed, "web") == "update (links)")
        #expect(change(changed, "worker") == "none")
        // A property the link does not expose changes the provider only.
        let unexposed = try plan(groups(natsProperties: "{nats: {password: other}}"), state: deployed(first))
        #expect(change(unexposed, "nats") == "update (configuration)")
        #expect(change(unexposed, "web") == "none")
    }

    @Test func linkPropertiesSurviveTheStateAndPlanJSON() throws {
        // `boshkit plan` reads the state and writes the plan with snake_case key strategies; property names
        // inside link data must come through unchanged and values keep their types.
        let json = """
            {"instances": [], "shared_links": [{"deployment": "d", "name": "db", "type": "database", "data": {
              "deployment_name": "d", "instance_group": "pg", "networks": ["default"], "instances": [],
              "properties": {"max_conns": 5, "ratio": 0.5, "tls": {"ca_cert": "x", "enabled": true}, "tags": [null, "a"]}}}]}
            """
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        let state = try decoder.decode(DeploymentState.self, from: Data(json.utf8))
        let properties = try #require(state.sharedLinks?.first?.data.properties)
        #expect(properties == ["max_conns": 5, "ratio": .number("0.5"), "tags": [.null, "a"], "tls": ["ca_cert": "x", "enabled": true]])
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = .sortedKeys
        let text = String(decoding: try encoder.encode(properties), as: UTF8.self)
        #expect(text == #"{"max_conns":5,"ratio":0.5,"tags":[null,"a"],"tls":{"ca_cert":"x","enabled":true}}"#)
    }
}

import BoshYAML
import Foundation
import ManifestModel
import Testing

/// Models are Codable over the tree (YAMLDecoder, no JSON detour) and encode to JSON with the manifests' names.
@Suite struct CodableTests {
    @Test func decodeThroughYAMLDecoder() throws {
        let tree = try YAMLParser.parse(
            "name: app\nupdate: {canaries: 1, max_in_flight: 30%}\ninstance_groups:\n- {name: web, instances: 2, jobs: [], networks: [{name: n}]}\n",
            file: "m.yml")
        let manifest = try YAMLDecoder().decode(DeploymentManifest.self, from: tree)
        #expect(manifest.instanceGroups?.first?.instances == 2)
        #expect(manifest.update?.maxInFlight == .percent(30))
    }

    @Test func decodingProblemsAreManifestErrors() throws {
        let tree = try YAMLParser.parse("name: app\ninstance_groups:\n- {name: web, instances: x, jobs: [], networks: []}\n", file: "m.yml")
        let error = try #require(throws: ManifestError.self) { try YAMLDecoder().decode(DeploymentManifest.self, from: tree) }
        #expect(error.description == "m.yml:3:26: /instance_groups/name=web/instances: expected an integer, got \"x\"")
    }

    @Test func encodesToJSON() throws {
        let manifest = try DeploymentManifest(
            yaml: "name: app\ncustom: {a: 1}\nupdate: {max_in_flight: 30%, canary_watch_time: 1000-2000}\n", file: "m.yml")
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = String(decoding: try encoder.encode(manifest), as: UTF8.self)
        #expect(json == #"{"custom":{"a":1},"name":"app","update":{"canary_watch_time":"1000-2000","max_in_flight":"30%"}}"#)
    }
}

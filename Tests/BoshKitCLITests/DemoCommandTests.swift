import Foundation
import Testing

/// The demo commands' text that needs no deployment: help (golden files) and an empty state directory.
@Suite struct DemoCommandTests {
    @Test(arguments: ["deploy", "instances"]) func helpText(_ command: String) async throws {
        let result = try await BoshKitProcess.run([command, "--help"])
        #expect(result.status == 0)
        #expect(result.stdout == (try BoshKitProcess.snapshot("\(command)-help.txt")))
    }

    @Test func deploymentsOfAnEmptyStateAsTableAndJSON() async throws {
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("boshkit-empty-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: state) }
        let table = try await BoshKitProcess.run(["deployments", "--state", state])
        #expect(table.status == 0)
        #expect(table.stdout == "Name  Release(s)  Stemcell(s)  Team(s)\n\n0 deployments\n")
        let json = try await BoshKitProcess.run(["deployments", "--json", "--state", state])
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        let tables = try #require(object?["Tables"] as? [[String: Any]])
        #expect(tables.first?["Content"] as? String == "deployments")
        #expect(
            tables.first?["Header"] as? [String: String]
                == ["name": "Name", "release_s": "Release(s)", "stemcell_s": "Stemcell(s)", "team_s": "Team(s)"])
        #expect((tables.first?["Rows"] as? [Any])?.isEmpty == true)
        #expect(json.stdout.contains("\n    \"Tables\": [\n"))  // bosh-cli's 4-space MarshalIndent
    }

    @Test func instancesOfAnUnknownDeploymentIsAnError() async throws {
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("boshkit-none-\(UUID().uuidString)").path
        defer {
            _ = try? BoshKitProcess.runBlocking(["delete-deployment", "-d", "nothing", "-n", "--state", state])
            try? FileManager.default.removeItem(atPath: state)
        }
        let result = try await BoshKitProcess.run(["instances", "-d", "nothing", "--state", state])
        #expect(result.status == 1)
        #expect(result.stderr == "Deployment 'nothing' doesn't exist\n")
    }
}

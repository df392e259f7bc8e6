import Foundation
import Testing

/// `boshkit plan`: golden-file tests of what it prints and of its errors.
@Suite struct PlanCommandTests {
    private let hello = ["plan", "Examples/hello/manifest.yml", "--cloud-config", "Examples/hello/cloud-config.yml"]

    @Test func printsTheFirstDeployOfTheExample() async throws {
        let result = try await BoshKitProcess.run(hello)
        #expect(result.stderr == "")
        #expect(result.status == 0)
        #expect(result.stdout == (try BoshKitProcess.snapshot("plan-hello.txt")))
    }

    @Test func plansAgainstTheCurrentState() async throws {
        // web scales 3 -> 2 (the extra z1 instance goes), old-worker was removed from the manifest, and
        // 127.0.10.24 belongs to another deployment.
        let result = try await BoshKitProcess.run(hello + ["--state", "Tests/BoshKitCLITests/Fixtures/plan-state.json"])
        #expect(result.stderr == "")
        #expect(result.stdout == (try BoshKitProcess.snapshot("plan-hello-state.txt")))
    }

    @Test func printsJSON() async throws {
        let result = try await BoshKitProcess.run(hello + ["--json"])
        #expect(result.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        #expect(object?["deployment"] as? String == "hello")
        let groups = object?["instance_groups"] as? [[String: Any]]
        #expect(groups?.count == 2)
    }

    @Test func unknownAZNamesTheManifestPath() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("boshkit-plan-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let cloud = dir.appendingPathComponent("cloud.yml")
        let text = try String(contentsOfFile: BoshKitProcess.repositoryRoot.appendingPathComponent("Examples/hello/cloud-config.yml").path, encoding: .utf8)
        try text.replacingOccurrences(of: "- name: z2\n", with: "").write(to: cloud, atomically: true, encoding: .utf8)
        let result = try await BoshKitProcess.run(["plan", "Examples/hello/manifest.yml", "--cloud-config", cloud.path])
        #expect(result.status == 1)
        #expect(result.stderr == "Examples/hello/manifest.yml: /instance_groups/name=web/azs: Instance group 'web' references unknown availability zone 'z2' (the cloud config defines: z1)\n")
    }

    @Test func overlappingSubnetsNameTheCloudConfigPath() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("boshkit-plan-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let cloud = dir.appendingPathComponent("cloud.yml")
        try """
            azs: [{name: z1}, {name: z2}]
            vm_types: [{name: small}]
            networks:
            - name: default
              subnets:
              - {range: 127.0.10.0/24, gateway: 127.0.10.1, azs: [z1]}
              - {range: 127.0.10.128/25, gateway: 127.0.10.129, azs: [z2]}
            """.write(to: cloud, atomically: true, encoding: .utf8)
        let result = try await BoshKitProcess.run(["plan", "Examples/hello/manifest.yml", "--cloud-config", cloud.path])
        #expect(result.status == 1)
        #expect(result.stderr == "\(cloud.path): /networks/name=default/subnets/1/range: Network 'default' has overlapping subnets (subnets 0 and 1)\n")
    }
}

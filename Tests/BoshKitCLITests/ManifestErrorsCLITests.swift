import Foundation
import Testing

/// Manifest errors point into the file the user wrote (or say they are in the result of the ops files), and
/// unknown keys are warned about with the key probably meant, in `deploy`, `plan` and `int`. Deploy checks
/// before any task: nothing here needs a director.
@Suite struct ManifestErrorsCLITests {
    private let fixtures = "Tests/BoshKitCLITests/Fixtures/manifest-errors"
    private let cloud = ["--cloud-config", "Examples/hello/cloud-config.yml"]

    /// A state directory no test creates: a deploy refused by the checks must not open the director.
    private func deploy(_ arguments: [String]) async throws -> BoshKitProcess.Result {
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("boshkit-unused-\(UUID().uuidString)").path
        let result = try await BoshKitProcess.run(["deploy"] + arguments + cloud + ["--state", state, "-n"])
        #expect(!FileManager.default.fileExists(atPath: state), "the director was opened")
        return result
    }

    /// `instnaces: 2` on line 21: a warning at the misspelt key, and the error at its instance group (line 20),
    /// not at the lines of the text the director is given.
    @Test func aMisspeltKeyIsWarnedAtItsLineAndTheMissingKeyAtItsGroup() async throws {
        let result = try await deploy(["\(fixtures)/typo-instances.yml"])
        #expect(result.status == 1)
        #expect(result.stdout == "")
        #expect(result.stderr == (try BoshKitProcess.snapshot("deploy-typo-instances.txt")))
    }

    /// `instances: two` on line 21, column 14 of the user's file (the director's text had it at 5:14).
    @Test func aWrongTypeIsAtItsPositionInTheUsersFile() async throws {
        let result = try await deploy(["\(fixtures)/instances-two.yml"])
        #expect(result.status == 1)
        #expect(result.stdout == "")
        #expect(result.stderr == (try BoshKitProcess.snapshot("deploy-instances-two.txt")))
        #expect(result.stderr.contains("instances-two.yml:21:14: "))
    }

    /// After ops files the value may come from an ops file: the position is in the result, and the name says so.
    @Test func afterOpsFilesThePositionIsInTheResult() async throws {
        let result = try await deploy(["Examples/hello/manifest.yml", "-o", "\(fixtures)/instances-two-ops.yml"])
        #expect(result.status == 1)
        #expect(result.stderr == (try BoshKitProcess.snapshot("deploy-instances-two-ops.txt")))
        // The line and column are those of what `boshkit int` prints for the same flags.
        let printed = try await BoshKitProcess.run(["int", "Examples/hello/manifest.yml", "-o", "\(fixtures)/instances-two-ops.yml"])
        let lines = printed.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count > 4 && lines[4] == "  instances: two", "\(printed.stdout)")
        #expect(result.stderr.contains("(lines as boshkit int prints it):5:14: "))
    }

    /// A value from a variable is placed at its `((placeholder))` in the user's file.
    @Test func aValueFromAVariableIsAtItsPlaceholder() async throws {
        let result = try await deploy(["\(fixtures)/web-instances-variable.yml", "-v", "web_instances=two"])
        #expect(result.status == 1)
        #expect(
            result.stderr
                == "\(fixtures)/web-instances-variable.yml:21:14: /instance_groups/name=web/instances: expected an integer, got \"two\"\n")
    }

    @Test func planWarnsAboutUnknownKeys() async throws {
        let result = try await BoshKitProcess.run(["plan", "\(fixtures)/instance-group.yml"] + cloud)
        #expect(result.status == 0)
        #expect(result.stderr == (try BoshKitProcess.snapshot("plan-instance-group.txt")))
        #expect(
            result.stderr
                == "\(fixtures)/instance-group.yml:19:1: warning: /instance_group: unknown key 'instance_group': did you mean 'instance_groups'?\n")
    }

    @Test func intWarnsAboutUnknownKeysOfADeploymentManifest() async throws {
        let result = try await BoshKitProcess.run(["int", "\(fixtures)/instance-group.yml"])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("instance_group:\n"))
        #expect(result.stderr == (try BoshKitProcess.snapshot("plan-instance-group.txt")))
    }

    /// A key added by an ops file: the warning's line is that of `int`'s own output, and the name says so.
    @Test func intWarnsInTheResultOfOpsFiles() async throws {
        let ops = "\(fixtures)/add-typo-ops.yml"
        let result = try await BoshKitProcess.run(["int", "Examples/hello/manifest.yml", "-o", ops])
        #expect(result.status == 0)
        #expect(result.stdout.split(separator: "\n", omittingEmptySubsequences: false)[5] == "  instnaces: 3")
        #expect(
            result.stderr
                == "Examples/hello/manifest.yml -o \(ops) (lines as boshkit int prints it):6:3: warning: "
                + "/instance_groups/name=web/instnaces: unknown key 'instnaces': did you mean 'instances'?\n")
    }

    /// `int` reads any YAML: an ops file, a vars file or any other document is not checked for manifest keys.
    @Test func intDoesNotCheckOtherDocuments() async throws {
        for file in ["\(fixtures)/instances-two-ops.yml", "Tests/BoshKitCLITests/Fixtures/vars.yml", "Package.resolved"] {
            let result = try await BoshKitProcess.run(["int", file])
            #expect(result.status == 0, "\(file): \(result.stderr)")
            #expect(result.stderr == "", "\(file)")
        }
    }

    /// A cloud config's keys are checked too, in `int` (it looks like one) and `deploy`.
    @Test func cloudConfigKeysAreChecked() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("boshkit-cc-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let cc = dir.appendingPathComponent("cc.yml")
        let text = try String(contentsOfFile: BoshKitProcess.repositoryRoot.appendingPathComponent("Examples/hello/cloud-config.yml").path, encoding: .utf8)
        try text.replacingOccurrences(of: "vm_types:", with: "vm_type:").write(to: cc, atomically: true, encoding: .utf8)
        let result = try await BoshKitProcess.run(["int", cc.path])
        #expect(result.status == 0)
        #expect(result.stderr.hasPrefix("\(cc.path):"), "\(result.stderr)")
        #expect(result.stderr.hasSuffix(": warning: /vm_type: unknown key 'vm_type': did you mean 'vm_types'?\n"), "\(result.stderr)")
    }
}

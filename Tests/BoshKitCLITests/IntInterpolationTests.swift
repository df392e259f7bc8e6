import Foundation
import Testing

/// `boshkit int` with ops files and variables: the same flags, output and exit codes as `bosh int`.
@Suite struct IntInterpolationTests {
    let fixtures = "Tests/BoshKitCLITests/Fixtures/"

    @Test func opsAndVarsFile() async throws {
        let result = try await BoshKitProcess.run([
            "int", "Examples/hello/manifest.yml", "-o", fixtures + "ops-scale.yml", "-l", fixtures + "vars.yml",
        ])
        #expect(result.status == 0)
        #expect(result.stdout == (try BoshKitProcess.snapshot("int-hello-ops.txt")))
    }

    @Test func pathPrintsOneValue() async throws {
        let args = ["int", "Examples/hello/manifest.yml", "-o", fixtures + "ops-scale.yml", "-l", fixtures + "vars.yml"]
        let scalar = try await BoshKitProcess.run(args + ["--path", "/instance_groups/name=web/jobs/0/properties/greeting"])
        #expect(scalar.stdout == "Hi from staging\n")
        let number = try await BoshKitProcess.run(args + ["--path", "/instance_groups/name=web/instances"])
        #expect(number.stdout == "5\n")
        let map = try await BoshKitProcess.run(args + ["--path", "/update"])
        #expect(map.stdout == "canaries: 1\ncanary_watch_time: 1000-30000\nmax_in_flight: 50%\nupdate_watch_time: 1000-30000\n")
    }

    @Test func varErrsListsEveryMissingVariable() async throws {
        let result = try await BoshKitProcess.run(["int", "Examples/hello/manifest.yml", "-o", fixtures + "ops-scale.yml", "--var-errs"])
        #expect(result.status == 1)
        #expect(result.stderr == "- Expected to find variables:\n    - env\n    - web_instances\n")
    }

    @Test func varErrsUnused() async throws {
        let result = try await BoshKitProcess.run([
            "int", "Examples/hello/manifest.yml", "-v", "unused=1", "-v", "other=2", "--var-errs-unused",
        ])
        #expect(result.status == 1)
        #expect(result.stderr == "- Expected to use variables:\n    - other\n    - unused\n")
    }

    @Test func opsErrorNamesFileOperationAndLine() async throws {
        let result = try await BoshKitProcess.run(["int", "Examples/hello/manifest.yml", "-o", fixtures + "ops-broken.yml"])
        #expect(result.status == 1)
        #expect(result.stdout == "")
        #expect(
            result.stderr
                == "\(fixtures)ops-broken.yml:4:3: operation [1] (remove /instance_groups/name=db): Expected to find exactly one matching array item for path '/instance_groups/name=db' but found 0\n"
        )
    }

    @Test func varsStoreIsCreatedWithMode0600() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("boshkit-int-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let manifest = dir.appendingPathComponent("m.yml")
        try "password: ((pw))\nvariables:\n- {name: pw, type: password}\n".write(to: manifest, atomically: true, encoding: .utf8)
        let store = dir.appendingPathComponent("creds.yml").path
        let first = try await BoshKitProcess.run(["int", manifest.path, "--vars-store", store])
        let second = try await BoshKitProcess.run(["int", manifest.path, "--vars-store", store])
        #expect(first.status == 0)
        #expect(first.stdout == second.stdout)
        #expect(first.stdout.hasPrefix("password: "))
        let mode = try FileManager.default.attributesOfItem(atPath: store)[.posixPermissions] as? NSNumber
        #expect(mode?.intValue == 0o600)
    }
}

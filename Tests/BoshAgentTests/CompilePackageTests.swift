import AgentProtocol
import Foundation
import Testing

@testable import BoshAgent

/// `compile_package` driven over NATS (mutual TLS) with `AgentClient`, as the director sends it.
@Suite(.serialized) struct CompilePackageTests {
    @Test func compilesWithADependencyAndReturnsTheInstalledFilesAsABlob() async throws {
        try await AgentHarness.with { agent in
            // A compiled dependency: a file the packaging script reads through BOSH_PACKAGES_DIR.
            let dependency = try await agent.storeArchive(["lib/greeting.txt": ("hello from libgreet\n", 0o644)])
            let source = try await agent.storeArchive([
                "packaging": (
                    """
                    set -e
                    mkdir -p ${BOSH_INSTALL_TARGET}/bin
                    cp greet.sh ${BOSH_INSTALL_TARGET}/bin/greet
                    cat ${BOSH_PACKAGES_DIR}/libgreet/lib/greeting.txt > ${BOSH_INSTALL_TARGET}/greeting.txt
                    echo "$BOSH_PACKAGE_NAME $BOSH_PACKAGE_VERSION $(basename $BOSH_COMPILE_TARGET)" > ${BOSH_INSTALL_TARGET}/about.txt
                    """, 0o644
                ),
                "greet.sh": ("#!/bin/sh\necho hi\n", 0o755),
            ])
            let compiled = try await agent.client.compilePackage(
                agent.agentID, blobstoreID: source.id, sha1: source.sha1, name: "greeter", version: "v1",
                dependencies: [
                    "libgreet": CompileDependency(name: "libgreet", version: "d1", sha1: dependency.sha1, blobstoreID: dependency.id)
                ])
            let id = try #require(compiled.result.blobstoreID)
            let bytes = try Data(contentsOf: agent.blobstore.appendingPathComponent(id))
            #expect(compiled.result.sha1 == SHA1.hex(of: bytes))
            let files = try await Blobs.files(ofBlob: id, in: agent.blobstore)
            #expect(files["greeting.txt"] == "hello from libgreet\n")
            #expect(files["about.txt"] == "greeter v1 greeter\n")
            #expect(files["bin/greet"] == "#!/bin/sh\necho hi\n")
            // Laid out as contract §2/§4 say: the install target is a symlink to data/packages/<name>/<version>.
            let link = agent.layout.packages.appendingPathComponent("greeter").path
            #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == agent.layout.packageData("greeter", version: "v1").path)
            #expect(FileManager.default.fileExists(atPath: agent.layout.packageData("libgreet", version: "d1").appendingPathComponent("lib/greeting.txt").path))
        }
    }

    @Test func aFailingScriptNamesPackageStatusAndLastLines() async throws {
        try await AgentHarness.with { agent in
            let source = try await agent.storeArchive([
                "packaging": (
                    """
                    for i in $(seq 1 30); do echo "configure line $i"; done
                    echo "fatal: no compiler for broken" >&2
                    exit 3
                    """, 0o644
                )
            ])
            let error = await #expect(throws: AgentError.self) {
                _ = try await agent.client.compilePackage(
                    agent.agentID, blobstoreID: source.id, sha1: source.sha1, name: "broken", version: "0.1")
            }
            let message = error?.message ?? ""
            #expect(message.contains("Compiling package broken/0.1 failed"), "\(message)")
            #expect(message.contains("exit status 3"), "\(message)")
            #expect(message.contains("fatal: no compiler for broken"), "\(message)")
            #expect(message.contains("configure line 30"), "\(message)")
            #expect(!message.contains("configure line 5\n"), "only the last lines are quoted: \(message)")
        }
    }

    @Test func aSourceBlobWithTheWrongDigestFailsBeforeExtraction() async throws {
        try await AgentHarness.with(tls: false) { agent in
            let source = try await agent.storeArchive(["packaging": ("touch ${BOSH_INSTALL_TARGET}/x", 0o644)])
            let wrong = String(repeating: "a", count: 40)
            let error = await #expect(throws: AgentError.self) {
                _ = try await agent.client.compilePackage(
                    agent.agentID, blobstoreID: source.id, sha1: wrong, name: "pkg", version: "1")
            }
            #expect(error?.message.contains(source.id) == true)
            #expect(error?.message.contains("expected \(wrong)") == true, "\(error?.message ?? "")")
            #expect(!FileManager.default.fileExists(atPath: agent.layout.compile.appendingPathComponent("pkg").path))
        }
    }
}

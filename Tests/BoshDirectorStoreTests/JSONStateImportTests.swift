import BoshDirectorStore
import Foundation
import Testing

/// A state directory written before the database store is imported once, on both engines.
@Suite struct JSONStateImportTests {
    private func copyFixture() throws -> String {
        let source = try #require(Bundle.module.url(forResource: "Fixtures/json-state", withExtension: nil)).path
        let target = FileManager.default.temporaryDirectory.appendingPathComponent("boshkit-json-\(UUID().uuidString)").path
        try FileManager.default.copyItem(atPath: source, toPath: target)
        return target
    }

    @Test(arguments: StoreEngine.allCases)
    func importsDeploymentsReleasesStemcellsAndCompiledPackagesOnce(_ engine: StoreEngine) async throws {
        let state = try copyFixture()
        defer { try? FileManager.default.removeItem(atPath: state) }
        try await engine.withDatabase { db in
            let store = try await db.open(importingFrom: state)
            defer { Task { await store.close() } }
            #expect(store.uuid == "0f5b9a6e-3d1c-4f0e-9a55-5b7f3c2e8d41")
            let hello = try #require(try await store.deployment("hello"))
            #expect(hello.manifest == "name: hello\n")
            #expect(hello.cloudConfig == "azs:\n- name: z1\n")
            #expect(hello.releases == ["hello/0+dev.1"])
            #expect(hello.instances.map(\.index) == [0, 1])
            #expect(hello.instances[0].vmCID == "vm-6c1f0d2e-1111-4222-8333-944455556666")
            #expect(hello.instances[0].spec?.jobs == ["hello/hello-server"])
            #expect(hello.instances[0].state == "started")
            #expect(hello.instances[1].isPending && hello.instances[1].vmCID == nil)
            #expect(try await store.releases().map(\.slug) == ["hello/0+dev.1"])
            #expect(try await store.releases().first?.jobs.first?.dependencies == ["ruby"])
            #expect(try await store.stemcells().map(\.cid) == ["stemcell-5f1e"])
            #expect(try await store.compiledPackages().map(\.blobstoreID) == ["b-compiled-1"])
            // Both VMs the old state knew of are accounted for (the pending one by its agent id).
            #expect(Set(try await store.vms(of: "hello").map(\.agentID)).count == 2)
            // Task numbers go on after the last one handed out.
            #expect(try await store.createTask(type: "noop", description: "next").id == 8)
            // The files are moved aside; a second open imports nothing again.
            #expect(!FileManager.default.fileExists(atPath: state + "/director.json"))
            #expect(FileManager.default.fileExists(atPath: state + "/imported-json/deployments/hello.json"))
        }
    }

    @Test func aCorruptStateFileNamesTheFileAndWritesNothing() async throws {
        let state = try copyFixture()
        defer { try? FileManager.default.removeItem(atPath: state) }
        try "{ \"name\": \"hello\", ".write(toFile: state + "/deployments/hello.json", atomically: true, encoding: .utf8)
        try await StoreEngine.sqlite.withDatabase { db in
            do {
                _ = try await db.open(importingFrom: state)
                Issue.record("a corrupt state file was imported")
            } catch let error as StoreError {
                #expect(error.description.contains("importing '\(state)/deployments/hello.json'"), "\(error)")
            }
            // Nothing half-written: the next open (without the import) finds no deployment, and the files stay.
            let names = try await db.with { store in try await store.deploymentNames() }
            #expect(names.isEmpty)
            #expect(FileManager.default.fileExists(atPath: state + "/director.json"))
        }
    }
}

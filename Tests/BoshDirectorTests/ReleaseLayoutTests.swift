import BoshDirector
import Foundation
import ReleaseSpec
import Testing

/// Uploaded releases are kept at `releases/NAME/VERSION.tgz`: release `a-1` version `2` and release `a`
/// version `1-2` once shared `releases/a-1-2.tgz`, so the second upload replaced the first one's tarball.
@Suite struct ReleaseLayoutTests {
    /// Names and versions become one file name each that stays in its directory, different texts different names.
    @Test func pathComponentsStayInTheirDirectoryAndDoNotCollide() {
        let texts = ["", ".", "..", "...", "a/b", "a%2Fb", "a%b", "%", "%2E", "/", "ubuntu-jammy", "1.0", "a-1", "1-2"]
        let components = texts.map(DirectorLayout.pathComponent)
        #expect(Set(components).count == texts.count, "\(components)")
        for component in components {
            #expect(!component.isEmpty && component != "." && component != ".." && !component.contains("/"), "\(component)")
        }
        let layout = DirectorLayout(root: "/state")
        #expect(layout.stemcellDirectory(name: "..", version: "..") == "/state/stemcells/%2E%2E/%2E%2E")
        #expect(layout.stemcellDirectory(name: "a/b", version: "c") != layout.stemcellDirectory(name: "a", version: "b/c"))
        #expect(layout.releaseTarball(name: "hello", version: "0+dev.1") == "/state/releases/hello/0+dev.1.tgz")
    }


    @Test func releasesWhoseOldPathsCollidedKeepTheirOwnTarballs() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("boshkit-layout-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        let example = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Examples/hello/release").path
        var tarballs: [String] = []
        for (name, version) in [("a-1", "2"), ("a", "1-2")] {
            let tarball = root + "/built/\(name)/\(version).tgz"
            try FileManager.default.createDirectory(atPath: root + "/built/\(name)", withIntermediateDirectories: true)
            _ = try ReleaseBuilder.build(directory: example, name: name, version: version, to: tarball)
            tarballs.append(tarball)
        }
        let state = root + "/state"
        // Opening the director starts its local nats-server: stopped by its pid however the test ends.
        do {
            try await uploadAndDelete(tarballs, state: state)
        } catch {
            try? await LocalNatsServer.stop(stateDirectory: state)
            throw error
        }
        try await LocalNatsServer.stop(stateDirectory: state)
    }

    private func uploadAndDelete(_ tarballs: [String], state: String) async throws {
        let director = try await LocalDirector.open(DirectorConfiguration(stateDirectory: state, cpiCommand: ["false"]))
        for tarball in tarballs {
            let task = try await director.beginTask(type: "update_release", description: "upload release")
            let output = director.output(of: task, style: .plain, sink: TaskOutputSink { _ in })
            try await director.uploadRelease(tarball: tarball, output: output)
            await director.endTask(task.id)
        }
        let records = try await director.store.releases()
        #expect(Set(records.map(\.tarball)).count == 2, "\(records.map { "\($0.slug) \($0.tarball)" })")
        for record in records {
            #expect(record.tarball == DirectorLayout(root: state).releaseTarball(name: record.name, version: record.version))
            let kept = try ReleaseTarball.read(at: record.tarball)
            #expect(kept.manifest.name == record.name && kept.manifest.version == record.version)
        }

        // Deleting one leaves the other's tarball and removes its own directory.
        let task = try await director.beginTask(type: "delete_release", description: "delete release: a")
        try await director.deleteRelease("a", output: director.output(of: task, style: .plain, sink: TaskOutputSink { _ in }))
        await director.endTask(task.id)
        #expect(FileManager.default.fileExists(atPath: state + "/releases/a-1/2.tgz"))
        #expect(!FileManager.default.fileExists(atPath: state + "/releases/a"))
        await director.close()
    }
}

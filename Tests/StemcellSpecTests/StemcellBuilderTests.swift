import BoshArchive
import Foundation
import StemcellSpec
import Testing

/// `StemcellBuilder.writeLocal`: a local stemcell that reads back verified and matches a manifest's entry.
@Suite struct StemcellBuilderTests {
    private func temporaryDirectory() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("stemcellspec-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir.path
    }

    @Test func localStemcellReadsBackVerified() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/stemcells/local.tgz"
        let written = try StemcellBuilder.writeLocal(os: "ubuntu-jammy", version: "1.5", to: path)
        let stemcell = try StemcellTarball.read(at: path)
        #expect(written.manifest == stemcell.manifest)
        #expect(stemcell.manifest.name == "bosh-local-ubuntu-jammy-go_agent")
        #expect(stemcell.manifest.name == StemcellBuilder.localName(os: "ubuntu-jammy"))
        #expect(stemcell.manifest.version == "1.5")
        #expect(stemcell.manifest.operatingSystem == "ubuntu-jammy")
        #expect(stemcell.manifest.apiVersion == 3)
        #expect(stemcell.manifest.stemcellFormats == ["local"])
        #expect(stemcell.manifest.cloudProperties?["infrastructure"]?.string == "local")
        #expect(stemcell.manifest.sha1 == stemcell.imageSHA1)
        #expect(!stemcell.isLight && stemcell.imageVerified)

        // The tarball has exactly stemcell.MF and image; the image is a gzip'd tar.
        let reader = TarReader(try GzipReader(try FileByteSource(path: path)))
        var names: [String] = []
        while let entry = try reader.next() { names.append(entry.path) }
        #expect(names == ["stemcell.MF", "image"])

        // A deployment's `os: ubuntu-jammy, version: latest` picks it.
        let chosen = try StemcellRequirement(os: "ubuntu-jammy", version: "latest")
            .match(in: [UploadedStemcell(stemcell.manifest)])
        #expect(chosen.name == "bosh-local-ubuntu-jammy-go_agent")
        // No temporary files are left next to it.
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir + "/stemcells") == ["local.tgz"])
    }

    @Test func invalidNamesAreRefused() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let error = try #require(throws: StemcellSpecError.self) {
            try StemcellBuilder.writeLocal(os: "ubuntu jammy", to: dir + "/s.tgz")
        }
        #expect(error.kind == .invalidField)
        #expect(error.message.contains("\"ubuntu jammy\""))
        #expect(!FileManager.default.fileExists(atPath: dir + "/s.tgz"))
    }
}

import BoshArchive
import Foundation
import StemcellSpec
import Testing

/// The corpus stemcells (all light), plus generated full and broken ones.
@Suite struct StemcellTarballTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "Fixtures/stemcells")
    static func path(_ name: String) -> String { root.appendingPathComponent(name).path }

    @Test func lightAWSStemcell() throws {
        let stemcell = try StemcellTarball.read(
            at: Self.path("light-bosh-stemcell-3001-aws-xen-hvm-centos-7-go_agent.tgz"))
        #expect(stemcell.manifest.name == "bosh-aws-xen-hvm-centos-7-go_agent")
        #expect(stemcell.manifest.version == "3001")
        #expect(stemcell.manifest.operatingSystem == "centos-7")
        #expect(stemcell.manifest.boshProtocol == "1")
        #expect(stemcell.manifest.apiVersion == nil)
        #expect(stemcell.manifest.stemcellFormats == ["dummy", "aws-raw"])
        #expect(stemcell.manifest.cloudProperties?["ami"]?["us-east-1"]?.string == "ami-a1dd27ca")
        #expect(stemcell.manifest.slug == "centos-7/3001")
        #expect(stemcell.isLight)
        #expect(!stemcell.imageVerified)
        #expect(stemcell.imageSHA1 == "3c57513179104929d5343697828c4ffb9d0a398e")
        #expect(stemcell.imageSize == 62)
    }

    @Test func otherLightStemcell() throws {
        let stemcell = try StemcellTarball.read(at: Self.path("light-bosh-stemcell-3001-aws-xen-centos-7-go_agent.tgz"))
        #expect(stemcell.manifest.stemcellFormats == ["aws-raw", "dummy"])
        #expect(stemcell.isLight)
    }

    @Test func misspeltFormatsKeyReadsAsAbsent() throws {
        let stemcell = try StemcellTarball.read(at: Self.path("valid_stemcell_with_different_content.tgz"))
        #expect(stemcell.manifest.name == "ubuntu-stemcell")
        #expect(stemcell.manifest.version == "1")
        #expect(stemcell.manifest.sha1 == "shawone")
        #expect(stemcell.manifest.stemcellFormats.isEmpty)
        #expect(stemcell.manifest.cloudProperties?["property1"]?.string == "test")
    }

    private func writeStemcell(manifest: String, image: [UInt8]?, to path: String) throws {
        let tar = TarWriter(try GzipWriter(try FileByteSink(path: path)))
        try tar.addFile("stemcell.MF", bytes: Array(manifest.utf8))
        if let image { try tar.addFile("image", bytes: image) }
        try tar.finish()
    }

    @Test func fullStemcellImageIsVerified() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("stemcell-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let sink = MemoryByteSink()
        let image = TarWriter(try GzipWriter(sink))
        try image.addFile("root.img", bytes: [UInt8](repeating: 7, count: 10_000))
        try image.finish()
        let sha1 = DigestHasher.hex(.sha1, of: sink.bytes)
        let manifest = "name: s\nversion: '621.5'\noperating_system: ubuntu-jammy\napi_version: 3\nsha1: \(sha1)\n"
        try writeStemcell(manifest: manifest, image: sink.bytes, to: dir + "/good.tgz")
        let stemcell = try StemcellTarball.read(at: dir + "/good.tgz")
        #expect(!stemcell.isLight)
        #expect(stemcell.imageVerified)
        #expect(stemcell.manifest.apiVersion == 3)

        try writeStemcell(
            manifest: manifest.replacingOccurrences(of: sha1, with: String(repeating: "0", count: 40)),
            image: sink.bytes, to: dir + "/bad.tgz")
        let mismatch = try #require(throws: StemcellSpecError.self) { try StemcellTarball.read(at: dir + "/bad.tgz") }
        #expect(mismatch.kind == .digestMismatch)
        #expect(mismatch.actualDigest == sha1)

        // A multi-digest is checked on its strongest piece (the image is hashed with what stemcell.MF names).
        let sha256 = DigestHasher.hex(.sha256, of: sink.bytes)
        let multi = manifest.replacingOccurrences(of: "sha1: \(sha1)", with: "sha1: 'sha1:\(sha1);sha256:\(sha256)'")
        try writeStemcell(manifest: multi, image: sink.bytes, to: dir + "/multi.tgz")
        #expect(try StemcellTarball.read(at: dir + "/multi.tgz").imageVerified)
        let wrong256 = multi.replacingOccurrences(of: sha256, with: String(repeating: "0", count: 64))
        try writeStemcell(manifest: wrong256, image: sink.bytes, to: dir + "/multi-bad.tgz")
        let wrong = try #require(throws: StemcellSpecError.self) { try StemcellTarball.read(at: dir + "/multi-bad.tgz") }
        #expect(wrong.kind == .digestMismatch)
        #expect(wrong.actualDigest == "sha256:" + sha256)

        try writeStemcell(manifest: "name: s\nversion: 1\n", image: nil, to: dir + "/noos.tgz")
        let missingOS = try #require(throws: StemcellSpecError.self) { try StemcellTarball.read(at: dir + "/noos.tgz") }
        #expect(
            missingOS.description.hasSuffix(
                "noos.tgz:stemcell.MF:1:1: /operating_system: required field is missing or empty"))

        try writeStemcell(
            manifest: "name: s\nversion: 1\noperating_system: o\napi_version: three\n", image: nil, to: dir + "/api.tgz"
        )
        let badAPI = try #require(throws: StemcellSpecError.self) { try StemcellTarball.read(at: dir + "/api.tgz") }
        #expect(badAPI.message == "/api_version: expected an integer, got 'three'")

        let noManifest = dir + "/empty.tgz"
        let tar = TarWriter(try GzipWriter(try FileByteSink(path: noManifest)))
        try tar.addFile("image", bytes: [1])
        try tar.finish()
        #expect(throws: StemcellSpecError.self) { try StemcellTarball.read(at: noManifest) }

        let bytes = try Data(contentsOf: URL(fileURLWithPath: dir + "/good.tgz"))
        try bytes.prefix(bytes.count - 30).write(to: URL(fileURLWithPath: dir + "/truncated.tgz"))
        let truncated = try #require(throws: StemcellSpecError.self) {
            try StemcellTarball.read(at: dir + "/truncated.tgz")
        }
        #expect(truncated.kind == .archive)
    }
}

import BoshArchive
import Testing

/// The multi-digest strings bosh-utils accepts, verified with the system OpenSSL.
@Suite struct DigestTests {
    let computed: [DigestAlgorithm: String] = [
        .sha1: DigestHasher.hex(.sha1, of: "abc"), .sha256: DigestHasher.hex(.sha256, of: "abc"),
        .sha512: DigestHasher.hex(.sha512, of: "abc"),
    ]

    @Test func knownVectors() {
        #expect(computed[.sha1] == "a9993e364706816aba3e25717850c26c9cd0d89d")
        #expect(computed[.sha256] == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(computed[.sha512]?.hasPrefix("ddaf35a193617aba") == true)
    }

    @Test func forms() throws {
        let plain = try MultipleDigest(parsing: "a9993e364706816aba3e25717850c26c9cd0d89d")
        #expect(try plain.mismatch(in: computed) == nil)
        let multi = try MultipleDigest(parsing: "sha1:0000;sha256:\(computed[.sha256]!);")
        #expect(multi.strongest?.algorithm == .sha256)
        #expect(try multi.mismatch(in: computed) == nil)
        let wrong = try MultipleDigest(parsing: "sha256:BEEF")
        #expect(try wrong.mismatch(in: computed) == "sha256:" + computed[.sha256]!)
        #expect(try MultipleDigest(parsing: "sha1:abc;future:xyz").strongest?.name == "sha1")
    }

    @Test func invalidForms() {
        #expect(throws: DigestParseError.self) { try MultipleDigest(parsing: ";;") }
        #expect(throws: DigestParseError.self) { try MultipleDigest(parsing: "sha1:a;sha1:b") }
        #expect(throws: DigestParseError.self) { try MultipleDigest(parsing: "sha1:a-b") }
        #expect(throws: DigestParseError.self) { try MultipleDigest(parsing: "md5:abc").mismatch(in: computed) }
    }

    @Test func archivePaths() throws {
        #expect(try ArchivePath.normalize("./a//b/") == "a/b")
        #expect(try ArchivePath.normalize("./") == "")
        #expect(throws: ArchiveError.self) { try ArchivePath.normalize("a/../../b") }
        #expect(ArchivePath.linkStaysInside(path: "a/b/link", target: "../c"))
        #expect(!ArchivePath.linkStaysInside(path: "a/link", target: "../../c"))
        #expect(!ArchivePath.linkStaysInside(path: "link", target: "/etc"))
        #expect(ArchivePath.isJunk("jobs/._web.tgz") && ArchivePath.isJunk("x/.DS_Store"))
    }

    @Test func longNamesAndPaxRoundTrip() throws {
        let long = String(repeating: "d/", count: 70) + "file.txt"
        let sink = MemoryByteSink()
        let writer = TarWriter(sink)
        try writer.addFile(long, bytes: Array("hello".utf8))
        try writer.finish()
        let pax = MemoryByteSink()
        let paxWriter = TarWriter(pax)
        try paxWriter.addPaxRecords([("path", "pax/name.txt"), ("LIBARCHIVE.xattr.com.apple.provenance", "AQ==")])
        try paxWriter.addFile("ignored-name", bytes: Array("x".utf8))
        try paxWriter.finish()

        let reader = TarReader(MemoryByteSource(sink.bytes))
        let entry = try #require(try reader.next())
        #expect(entry.path == long)
        #expect(try reader.readContent(limit: 10) == Array("hello".utf8))
        #expect(try reader.next() == nil)

        let paxReader = TarReader(MemoryByteSource(pax.bytes))
        #expect(try paxReader.next()?.path == "pax/name.txt")
    }
}

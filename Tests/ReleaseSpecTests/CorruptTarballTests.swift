import BoshArchive
import Foundation
import ReleaseSpec
import Testing

/// Broken input: each a clear error, and nothing written outside an extraction destination.
@Suite struct CorruptTarballTests {
    private func withTarball(
        _ bytes: [UInt8], _ body: (String) throws -> Void
    ) throws {
        let dir = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/release.tgz"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        try body(path)
    }

    private func readError(_ bytes: [UInt8]) throws -> ReleaseSpecError {
        var caught: ReleaseSpecError?
        try withTarball(bytes) { path in
            caught = #expect(throws: ReleaseSpecError.self) { try ReleaseTarball.read(at: path) }
        }
        return try #require(caught)
    }

    private func sampleBytes(_ builder: TarballBuilder = .sample) throws -> [UInt8] {
        let sink = MemoryByteSink()
        let tar = TarWriter(try GzipWriter(sink))
        for (name, bytes) in try builder.entries() { try tar.addFile(name, bytes: bytes) }
        try tar.finish()
        return sink.bytes
    }

    @Test func theSampleReadsCleanly() throws {
        try withTarball(try sampleBytes()) { path in
            let release = try ReleaseTarball.read(at: path)
            #expect(release.jobs.map(\.record.name) == ["web", "worker"])
        }
    }

    /// Malformed pax records (a length that does not even cover its own digits, one too long for any Int):
    /// an error or an ignored header, never a crash.
    @Test func malformedPaxRecordsDoNotCrash() throws {
        for records in ["1 ", "2 \n", "3 x\n", "99999999999999999999999999 path=x\n"] {
            var tar = Self.rawHeader(name: "PaxHeaders/x", size: records.utf8.count, type: "x")
            tar += Self.padded(Array(records.utf8))
            let manifest = Array("name: broken\n".utf8)
            tar += Self.rawHeader(name: "release.MF", size: manifest.count, type: "0") + Self.padded(manifest)
            tar += [UInt8](repeating: 0, count: 1024)
            let sink = MemoryByteSink()
            let gzip = try GzipWriter(sink)
            try gzip.write(tar)
            try gzip.close()
            try withTarball(sink.bytes) { path in
                #expect(throws: ReleaseSpecError.self) { try ReleaseTarball.read(at: path) }
            }
        }
    }

    /// A ustar header block for `name` (`type` "0" file, "x" pax extended header).
    static func rawHeader(name: String, size: Int, type: Character) -> [UInt8] {
        var block = [UInt8](repeating: 0, count: 512)
        func put(_ text: String, at offset: Int) { for (i, b) in text.utf8.enumerated() { block[offset + i] = b } }
        put(name, at: 0)
        put("0000644", at: 100)
        put("0000000", at: 108)
        put("0000000", at: 116)
        put(String(format: "%011o", size), at: 124)
        put("00000000000", at: 136)
        put(String(type), at: 156)
        put("ustar", at: 257)
        put("00", at: 263)
        for i in 148..<156 { block[i] = 0x20 }
        let sum = block.reduce(0) { $0 + Int($1) }
        put(String(format: "%06o", sum), at: 148)
        block[154] = 0
        return block
    }

    static func padded(_ bytes: [UInt8]) -> [UInt8] {
        bytes + [UInt8](repeating: 0, count: (512 - bytes.count % 512) % 512)
    }

    @Test func truncatedGzip() throws {
        let bytes = try sampleBytes()
        let error = try readError(Array(bytes.prefix(bytes.count / 2)))
        #expect(error.kind == .archive)
        #expect(error.message == "truncated gzip stream (unexpected end of file)")
    }

    @Test func corruptGzip() throws {
        var bytes = try sampleBytes()
        for i in 20..<60 { bytes[i] ^= 0x5a }
        let error = try readError(bytes)
        #expect(error.kind == .archive)
        #expect(error.message.hasPrefix("corrupt gzip stream"))
    }

    @Test func notGzipAtAll() throws {
        let error = try readError(Array("release.MF: not a tarball\n".utf8))
        #expect(error.kind == .archive)
    }

    @Test func truncatedTarInsideAnEntry() throws {
        // A complete gzip stream whose tar data stops in the middle of an entry.
        let sink = MemoryByteSink()
        let tar = TarWriter(sink)
        for (name, bytes) in try TarballBuilder.sample.entries() { try tar.addFile(name, bytes: bytes) }
        let cut = Array(sink.bytes.prefix(sink.bytes.count - 100))
        let gz = MemoryByteSink()
        let writer = try GzipWriter(gz)
        try writer.write(cut)
        try writer.close()
        let error = try readError(gz.bytes)
        #expect(error.message == "truncated tar archive (unexpected end of data inside an entry)")
    }

    @Test func pathTraversalIsRefused() throws {
        let bytes = try TarballBuilder.tgz([("release.MF", Array("name: x\nversion: '1'\n".utf8)), ("../evil", [1])])
        let error = try readError(bytes)
        #expect(error.kind == .archive)
        #expect(error.message == "refusing tar entry '../evil': path traversal (absolute path or '..')")
    }

    @Test func absolutePathIsRefused() throws {
        let bytes = try TarballBuilder.tgz([("/etc/passwd", [1])])
        let error = try readError(bytes)
        #expect(error.message == "refusing tar entry '/etc/passwd': path traversal (absolute path or '..')")
    }

    @Test func symlinkPointingOutsideIsRefused() throws {
        let sink = MemoryByteSink()
        let tar = TarWriter(try GzipWriter(sink))
        try tar.addFile("release.MF", bytes: Array("name: x\nversion: '1'\n".utf8))
        try tar.addSymlink("jobs/link", target: "../../etc")
        try tar.finish()
        let error = try readError(sink.bytes)
        #expect(error.message == "refusing tar entry 'jobs/link': link target '../../etc' points outside the archive")
    }

    @Test func releaseManifestThatIsNotYAML() throws {
        let bytes = try TarballBuilder.tgz([("release.MF", Array("name: [unclosed\n".utf8))])
        let error = try readError(bytes)
        #expect(error.kind == .yaml)
        #expect(error.file?.hasSuffix(":release.MF") == true)
        #expect(error.mark != nil)
    }

    @Test func missingReleaseManifest() throws {
        let error = try readError(try TarballBuilder.tgz([("jobs/web.tgz", [1, 2, 3])]))
        #expect(error.kind == .missingManifest)
        #expect(error.message == "release.MF not found in the tarball")
    }

    @Test func jobSpecWithAWrongType() throws {
        var builder = TarballBuilder.sample
        builder.jobs[1].spec = "name: worker\npackages: lib\n"
        let error = try readError(try sampleBytes(builder))
        #expect(error.kind == .invalidField)
        #expect(error.job == "worker")
        #expect(
            error.description.hasSuffix(
                "jobs/worker.tgz:job.MF:2:11: /packages: expected a sequence of strings, got 'lib'"))
    }

    @Test func jobSpecNameDiffersFromTheManifest() throws {
        var builder = TarballBuilder.sample
        builder.jobs[1].spec = "name: other\n"
        let error = try readError(try sampleBytes(builder))
        #expect(error.kind == .invalidJob)
        #expect(error.message == "job 'worker': job.MF names the job 'other' (inconsistent name)")
    }

    @Test func missingTemplateAndMonit() throws {
        var builder = TarballBuilder.sample
        builder.jobs[0].files["templates/ctl.erb"] = nil
        #expect(
            try readError(try sampleBytes(builder)).message
                == "job 'web': missing template file 'templates/ctl.erb' in jobs/web.tgz")
        builder = .sample
        builder.jobs[1].files = [:]
        #expect(
            try readError(try sampleBytes(builder)).message
                == "job 'worker' is missing its monit file in jobs/worker.tgz")
    }

    @Test func missingDependency() throws {
        var builder = TarballBuilder.sample
        builder.packages.removeLast()
        let error = try readError(try sampleBytes(builder))
        #expect(error.kind == .dependency)
        #expect(error.message == "expected to find package 'runtime' since it's a dependency of package 'app'")
    }

    @Test func sha256DigestsVerifyAndMismatchesSayWhich() throws {
        var builder = TarballBuilder.sample
        builder.sha256 = true
        try withTarball(try sampleBytes(builder)) { path in
            let release = try ReleaseTarball.read(at: path)
            #expect(release.packages.allSatisfy { $0.archive.digest.hasPrefix("sha256:") })
        }
        var entries = try builder.entries()
        entries[2].1 = try TarballBuilder.tgz([("monit", []), ("job.MF", Array("name: worker\n".utf8))])
        let sink = MemoryByteSink()
        let tar = TarWriter(try GzipWriter(sink))
        for (name, bytes) in entries { try tar.addFile(name, bytes: bytes) }
        try tar.finish()
        let error = try readError(sink.bytes)
        #expect(error.kind == .digestMismatch)
        #expect(error.job == "worker")
        #expect(error.expectedDigest?.hasPrefix("sha256:") == true)
        #expect(error.actualDigest?.hasPrefix("sha256:") == true)
    }

    @Test func releaseManifestAfterTheArchivesStillVerifies() throws {
        var entries = try TarballBuilder.sample.entries()
        entries.append(entries.removeFirst())
        let sink = MemoryByteSink()
        let tar = TarWriter(try GzipWriter(sink))
        for (name, bytes) in entries { try tar.addFile("./" + name, bytes: bytes) }
        try tar.finish()
        try withTarball(sink.bytes) { path in
            let release = try ReleaseTarball.read(at: path)
            #expect(release.packages.count == 3)
        }
    }

    @Test func sha512BeforeTheManifestTakesASecondPass() throws {
        var builder = TarballBuilder.sample
        builder.sha512 = true
        var entries = try builder.entries()
        entries.append(entries.removeFirst())  // release.MF last: the first pass only computes sha1 and sha256
        let sink = MemoryByteSink()
        let tar = TarWriter(try GzipWriter(sink))
        for (name, bytes) in entries { try tar.addFile(name, bytes: bytes) }
        try tar.finish()
        try withTarball(sink.bytes) { path in
            let release = try ReleaseTarball.read(at: path)
            #expect(release.packages.allSatisfy { $0.archive.digest.hasPrefix("sha512:") })
            #expect(release.jobs.allSatisfy { $0.archive.digest.hasPrefix("sha512:") })
        }
        // And a wrong sha512 piece is caught even though the sha1 piece matches.
        var tampered = entries
        let manifest = String(decoding: tampered[tampered.count - 1].1, as: UTF8.self)
        let firstSHA512 = try #require(manifest.range(of: "sha512:")).upperBound
        var text = manifest
        text.replaceSubrange(firstSHA512..<text.index(firstSHA512, offsetBy: 4), with: "0000")
        tampered[tampered.count - 1].1 = Array(text.utf8)
        let bad = MemoryByteSink()
        let badTar = TarWriter(try GzipWriter(bad))
        for (name, bytes) in tampered { try badTar.addFile(name, bytes: bytes) }
        try badTar.finish()
        #expect(try readError(bad.bytes).kind == .digestMismatch)
    }

    @Test func extractionStaysInsideTheDestination() throws {
        let dir = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // A symlink that stays inside, then an entry that would be written through a symlink to its parent.
        let sink = MemoryByteSink()
        let tar = TarWriter(try GzipWriter(sink))
        try tar.addFile("a/file", bytes: [1])
        try tar.addSymlink("a/up", target: "..")
        try tar.addFile("a/up/escaped", bytes: [2])
        try tar.finish()
        let path = dir + "/in.tgz"
        try Data(sink.bytes).write(to: URL(fileURLWithPath: path))
        let destination = dir + "/out"
        let error = try #require(throws: ReleaseSpecError.self) { try ReleaseTarball.extract(path, to: destination) }
        #expect(
            error.message
                == "refusing tar entry 'a/up/escaped': link target 'a parent directory is a symlink' points outside the archive"
        )
        #expect(!FileManager.default.fileExists(atPath: dir + "/escaped"))
        #expect(FileManager.default.fileExists(atPath: destination + "/a/file"))
    }

    @Test func extractsACorpusRelease() throws {
        let dir = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let written = try ReleaseTarball.extract(Fixtures.release("simple-link-release-v1.0.tgz"), to: dir)
        #expect(written.contains("release.MF"))
        #expect(FileManager.default.fileExists(atPath: dir + "/packages/pkg_1.tgz"))
    }
}

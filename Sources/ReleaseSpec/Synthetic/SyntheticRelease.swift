import BoshArchive

/// Writes large synthetic release tarballs, streaming, for the streaming test and the benchmarks:
/// many small packages in a dependency chain plus one big package blob of deterministic pseudo-random
/// bytes (incompressible, so gzip cannot shrink it). Package-internal: not part of the public API.
package enum SyntheticRelease {
    /// What was written.
    package struct Summary: Sendable {
        package var path: String
        package var packageCount: Int
        package var blobSize: Int64
        /// Bytes of archives inside the tarball (what verification hashes).
        package var archiveBytes: Int64
    }

    /// Writes `<path>`: `release.MF` first, one job needing every package, `smallPackages` small packages
    /// and a `big` package whose archive is `blobSize` bytes.
    /// - Parameter level: gzip level of the outer tarball (0 = stored, fastest to write).
    package static func write(to path: String, smallPackages: Int, blobSize: Int64, level: Int32 = 0) throws -> Summary
    {
        let chunk = pseudoRandomChunk(count: 1 << 20)
        // The big blob's digest, computed by streaming the same chunks that are written below.
        let blobHasher = DigestHasher(.sha1)
        forEachBlobChunk(chunk, size: blobSize) { bytes in blobHasher.update(bytes) }

        var small: [(name: String, archive: [UInt8])] = []
        for i in 0..<smallPackages {
            small.append(("pkg-\(i)", Array("packaging for pkg-\(i)\n".utf8) + chunk[0..<(i % 7) * 100]))
        }
        let jobSpec = "name: all\ntemplates: {}\npackages: [\(small.map(\.name).joined(separator: ", ")), big]\n"
        let jobArchive = try tgz([("job.MF", Array(jobSpec.utf8)), ("monit", [])])

        var manifest = "name: synthetic\nversion: '1'\ncommit_hash: non-git\nuncommitted_changes: false\n"
        manifest +=
            "jobs:\n- name: all\n  version: a\n  fingerprint: a\n  sha1: \(DigestHasher.hex(.sha1, of: jobArchive))\n"
        manifest += "packages:\n"
        for (i, package) in small.enumerated() {
            let dependency = i == 0 ? "" : "pkg-\(i - 1)"
            manifest += "- name: \(package.name)\n  version: v\(i)\n  fingerprint: v\(i)\n"
            manifest += "  sha1: \(DigestHasher.hex(.sha1, of: package.archive))\n  dependencies: [\(dependency)]\n"
        }
        manifest +=
            "- name: big\n  version: b\n  fingerprint: b\n  sha1: \(blobHasher.finalize())\n  dependencies: []\n"

        let tar = TarWriter(try GzipWriter(try FileByteSink(path: path), level: level))
        try tar.addFile("release.MF", bytes: Array(manifest.utf8))
        try tar.addFile("jobs/all.tgz", bytes: jobArchive)
        var archiveBytes = Int64(jobArchive.count)
        for package in small {
            try tar.addFile("packages/\(package.name).tgz", bytes: package.archive)
            archiveBytes += Int64(package.archive.count)
        }
        var failure: Error?
        try tar.addFile("packages/big.tgz", size: blobSize) { write in
            forEachBlobChunk(chunk, size: blobSize) { bytes in
                guard failure == nil else { return }
                do { try write(Array(bytes)) } catch { failure = error }
            }
        }
        if let failure { throw failure }
        try tar.finish()
        return Summary(
            path: path, packageCount: smallPackages + 1, blobSize: blobSize, archiveBytes: archiveBytes + blobSize)
    }

    /// A gzip'd tar of small files, in memory.
    static func tgz(_ files: [(String, [UInt8])]) throws -> [UInt8] {
        let sink = MemoryByteSink()
        let tar = TarWriter(try GzipWriter(sink))
        for (path, bytes) in files { try tar.addFile(path, bytes: bytes) }
        try tar.finish()
        return sink.bytes
    }

    /// The blob: the chunk repeated, each copy's first 8 bytes replaced by its index (no two MiB equal).
    private static func forEachBlobChunk(_ chunk: [UInt8], size: Int64, _ body: (UnsafeRawBufferPointer) -> Void) {
        var copy = chunk
        var written: Int64 = 0
        var index: UInt64 = 0
        while written < size {
            withUnsafeBytes(of: index.littleEndian) { for i in 0..<8 { copy[i] = $0[i] } }
            let n = Int(min(Int64(copy.count), size - written))
            copy.withUnsafeBytes { body(UnsafeRawBufferPointer(rebasing: $0[0..<n])) }
            written += Int64(n)
            index += 1
        }
    }

    /// xorshift64* bytes: deterministic, incompressible.
    private static func pseudoRandomChunk(count: Int) -> [UInt8] {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        var out = [UInt8](repeating: 0, count: count)
        out.withUnsafeMutableBytes { raw in
            let words = raw.bindMemory(to: UInt64.self)
            for i in 0..<words.count {
                state ^= state >> 12
                state ^= state << 25
                state ^= state >> 27
                words[i] = state &* 0x2545_F491_4F6C_DD1D
            }
        }
        return out
    }
}

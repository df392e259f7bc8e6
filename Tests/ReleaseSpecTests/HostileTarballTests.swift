import BoshArchive
import Foundation
import ReleaseSpec
import Testing

/// Release tarballs made to hurt: a compression bomb and a million empty entries are refused within seconds, in
/// bounded memory, and nothing is written for them.
@Suite(.serialized) struct HostileTarballTests {
    private func withDirectory(_ body: (String) throws -> Void) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hostile-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try body(directory)
    }

    /// A tgz whose one entry is 2 GiB of zeros (about 2 MB compressed).
    private func gzipBomb(at path: String) throws {
        let tar = TarWriter(try GzipWriter(try FileByteSink(path: path), level: 9))
        let chunk = [UInt8](repeating: 0, count: 1 << 20)
        try tar.addFile("packages/zeros.tgz", size: Int64(2048) << 20) { write in
            for _ in 0..<2048 { try write(chunk) }
        }
        try tar.finish()
    }

    @Test func aCompressionBombIsRefusedBeforeItIsWritten() throws {
        try withDirectory { directory in
            let bomb = directory + "/bomb.tgz"
            try gzipBomb(at: bomb)
            let size = try #require(try FileManager.default.attributesOfItem(atPath: bomb)[.size] as? NSNumber).intValue
            #expect(size < 8 << 20)
            let error = try #require(throws: ReleaseSpecError.self) { try ReleaseTarball.read(at: bomb) }
            #expect(error.message.contains("a compression bomb"), "\(error)")
            let extracting = try #require(throws: ReleaseSpecError.self) { try ReleaseTarball.extract(bomb, to: directory + "/out") }
            #expect(extracting.message.contains("a compression bomb"))
            // What was written before the refusal stays within the slack.
            let written = (try? FileManager.default.attributesOfItem(atPath: directory + "/out/packages/zeros.tgz")[.size] as? NSNumber)?.intValue ?? 0
            #expect(written <= Int(GzipReader.defaultSlack) + 200 * size)
        }
    }

    @Test func aMillionEmptyEntriesAreRefused() throws {
        try withDirectory { directory in
            // One empty entry's header, a million times (the same name each time: it compresses to a few KB).
            let path = directory + "/many.tgz"
            let memory = MemoryByteSink()
            let one = TarWriter(memory)
            try one.addFile("empty", bytes: [])
            let header = Array(memory.bytes.prefix(512))
            let block = Array([[UInt8]](repeating: header, count: 2000).joined())
            let gzip = try GzipWriter(try FileByteSink(path: path), level: 6)
            for _ in 0..<500 { try gzip.write(block) }
            try gzip.write([UInt8](repeating: 0, count: 1024))
            try gzip.close()
            let error = try #require(throws: ReleaseSpecError.self) { try ReleaseTarball.read(at: path) }
            #expect(error.message.contains("more than \(TarReader.maximumHeaders) entries"), "\(error)")
            let extracting = try #require(throws: ReleaseSpecError.self) { try ReleaseTarball.extract(path, to: directory + "/out") }
            #expect(extracting.message.contains("entries"))
        }
    }
}

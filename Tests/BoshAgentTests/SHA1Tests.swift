import Foundation
import Testing

@testable import BoshAgent

@Suite struct SHA1Tests {
    @Test func knownVectors() {
        #expect(SHA1.hex(of: Data()) == "da39a3ee5e6b4b0d3255bfef95601890afd80709")
        #expect(SHA1.hex(of: Data("abc".utf8)) == "a9993e364706816aba3e25717850c26c9cd0d89d")
        #expect(
            SHA1.hex(of: Data("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
                == "84983e441c3bd26ebaae4aa1f95129e5e54670f1")
    }

    @Test func streamingInUnevenChunksMatchesOneShot() {
        let bytes = Data((0..<10_000).map { UInt8(truncatingIfNeeded: $0 &* 31) })
        var hasher = SHA1()
        var offset = 0
        for size in [1, 63, 64, 65, 127, 1000, 3] + Array(repeating: 500, count: 20) where offset < bytes.count {
            let end = min(bytes.count, offset + size)
            hasher.update(bytes.subdata(in: offset..<end))
            offset = end
        }
        if offset < bytes.count { hasher.update(bytes.subdata(in: offset..<bytes.count)) }
        #expect(hasher.finish() == SHA1.hex(of: bytes))
        #expect(SHA1.hex(of: Data(repeating: 0x61, count: 1_000_000)) == "34aa973cd4c4daa4f61eeb2bdbad27316534016f")
    }
}

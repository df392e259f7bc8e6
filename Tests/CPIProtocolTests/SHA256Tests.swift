@testable import CPIProtocol
import Foundation
import Testing

@Suite struct SHA256Tests {
    func hex(_ chunks: [String]) -> String {
        var hasher = SHA256()
        for chunk in chunks { hasher.update(Data(chunk.utf8)) }
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }

    @Test func knownVectors() {
        #expect(hex([""]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(hex(["abc"]) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(
            hex(["abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"])
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        )
    }

    @Test func chunkingDoesNotMatter() {
        let text = String(repeating: "0123456789", count: 100)
        let whole = hex([text])
        let pieces = stride(from: 0, to: text.count, by: 37).map { start in
            String(text.dropFirst(start).prefix(37))
        }
        #expect(hex(pieces) == whole)
        #expect(hex([String(repeating: "a", count: 1000)]) == "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3")
    }
}

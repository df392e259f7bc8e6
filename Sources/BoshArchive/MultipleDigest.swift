/// A BOSH digest string: `<sha1 hex>`, `algo:hex`, or several of those joined with `;`
/// (`sha1:abc;sha256:def`), as bosh-utils parses them. Verification uses the strongest algorithm present.
package struct MultipleDigest: Hashable, Sendable, CustomStringConvertible {
    /// One `algorithm:value` piece; `algorithm` is `nil` for a name BOSH does not know.
    package struct Piece: Hashable, Sendable {
        package let name: String
        package let algorithm: DigestAlgorithm?
        package let value: String
        /// sha1 renders without a prefix, others as `name:value`.
        package var rendered: String { name == "sha1" ? value : "\(name):\(value)" }
    }

    /// The pieces in written order.
    package let pieces: [Piece]

    /// Parses a digest string; throws a message when it has no piece or repeats an algorithm.
    package init(parsing text: String) throws(DigestParseError) {
        var pieces: [Piece] = []
        for raw in text.split(separator: ";", omittingEmptySubsequences: true) {
            let part = String(raw)
            let name: String
            let value: String
            if let colon = part.firstIndex(of: ":") {
                name = String(part[..<colon])
                value = String(part[part.index(after: colon)...])
            } else {
                name = "sha1"
                value = part
            }
            guard Self.isToken(name), Self.isToken(value) else {
                throw DigestParseError(message: "invalid digest '\(text)'")
            }
            if pieces.contains(where: { $0.name == name }) {
                throw DigestParseError(message: "multiple digests of the same algorithm '\(name)' in '\(text)'")
            }
            pieces.append(Piece(name: name, algorithm: DigestAlgorithm(rawValue: name), value: value.lowercased()))
        }
        guard !pieces.isEmpty else {
            throw DigestParseError(message: "no digest algorithm found. Supported algorithms: sha1, sha256, sha512")
        }
        self.pieces = pieces
    }

    /// The strongest piece whose algorithm is known, which verification compares against.
    package var strongest: Piece? {
        pieces.filter { $0.algorithm != nil }.max { $0.algorithm! < $1.algorithm! }
    }

    /// The algorithms a verifier must compute.
    package var algorithms: [DigestAlgorithm] { strongest.flatMap(\.algorithm).map { [$0] } ?? [] }

    /// Compares against computed digests; returns the actual rendered digest when it does not match,
    /// `nil` when it matches. Throws when no known algorithm is present or it was not computed.
    package func mismatch(in computed: [DigestAlgorithm: String]) throws(DigestParseError) -> String? {
        guard let piece = strongest, let algorithm = piece.algorithm else {
            throw DigestParseError(message: "no supported digest algorithm in '\(description)' (sha1, sha256, sha512)")
        }
        guard let actual = computed[algorithm] else {
            throw DigestParseError(message: "digest \(algorithm.rawValue) was not computed")
        }
        if actual == piece.value { return nil }
        return Piece(name: piece.name, algorithm: algorithm, value: actual).rendered
    }

    /// The pieces rendered and joined with `;`.
    package var description: String { pieces.map(\.rendered).joined(separator: ";") }

    private static func isToken(_ s: String) -> Bool {
        !s.isEmpty
            && s.utf8.allSatisfy {
                ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x5a) || ($0 >= 0x61 && $0 <= 0x7a)
            }
    }
}

/// A digest string that cannot be parsed or verified.
package struct DigestParseError: Error, Hashable, Sendable, CustomStringConvertible {
    package let message: String
    package var description: String { message }
}

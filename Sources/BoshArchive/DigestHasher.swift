import CLibSSL

/// A digest algorithm BOSH uses for blobs and fingerprints.
package enum DigestAlgorithm: String, Hashable, Sendable, CaseIterable, Comparable {
    case sha1, sha256, sha512

    /// Stronger algorithms sort later (sha1 < sha256 < sha512).
    package static func < (lhs: DigestAlgorithm, rhs: DigestAlgorithm) -> Bool { lhs.strength < rhs.strength }

    private var strength: Int {
        switch self {
        case .sha1: return 1
        case .sha256: return 2
        case .sha512: return 3
        }
    }

    /// The number of hex digits of a digest.
    package var hexLength: Int {
        switch self {
        case .sha1: return 40
        case .sha256: return 64
        case .sha512: return 128
        }
    }

    fileprivate var evp: OpaquePointer? {
        switch self {
        case .sha1: return EVP_sha1()
        case .sha256: return EVP_sha256()
        case .sha512: return EVP_sha512()
        }
    }
}

/// An incremental digest computed by the system OpenSSL (libcrypto's EVP interface).
package final class DigestHasher {
    /// The algorithm.
    package let algorithm: DigestAlgorithm
    private let context: OpaquePointer
    private var result: String?

    package init(_ algorithm: DigestAlgorithm) {
        self.algorithm = algorithm
        guard let context = EVP_MD_CTX_new() else { fatalError("EVP_MD_CTX_new failed: out of memory") }
        self.context = context
        precondition(EVP_DigestInit_ex(context, algorithm.evp, nil) == 1, "EVP_DigestInit_ex failed")
    }

    deinit { EVP_MD_CTX_free(context) }

    /// Adds bytes to the digest.
    package func update(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        precondition(result == nil, "DigestHasher updated after finalize()")
        EVP_DigestUpdate(context, base, bytes.count)
    }

    /// Adds bytes to the digest.
    package func update(_ bytes: [UInt8]) { bytes.withUnsafeBytes { update($0) } }

    /// The digest as lowercase hex; later calls return the same value.
    package func finalize() -> String {
        if let result { return result }
        var md = [UInt8](repeating: 0, count: 64)
        var length: UInt32 = 0
        EVP_DigestFinal_ex(context, &md, &length)
        let hex = hexString(md[0..<Int(length)])
        result = hex
        return hex
    }

    /// The digest of `bytes` as lowercase hex.
    package static func hex(_ algorithm: DigestAlgorithm, of bytes: [UInt8]) -> String {
        let hasher = DigestHasher(algorithm)
        hasher.update(bytes)
        return hasher.finalize()
    }

    /// The digest of a string's UTF-8 bytes as lowercase hex.
    package static func hex(_ algorithm: DigestAlgorithm, of string: String) -> String {
        hex(algorithm, of: Array(string.utf8))
    }
}

private let hexDigits = Array("0123456789abcdef".utf8)

func hexString<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
    var out = [UInt8]()
    out.reserveCapacity(bytes.count * 2)
    for b in bytes {
        out.append(hexDigits[Int(b >> 4)])
        out.append(hexDigits[Int(b & 0xf)])
    }
    return String(decoding: out, as: UTF8.self)
}

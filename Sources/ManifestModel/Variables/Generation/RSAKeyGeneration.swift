import Foundation
import _CryptoExtras

/// RSA keys of 2048 bits and more from swift-crypto's generator (BoringSSL).
///
/// OpenSSL 3.0's `EVP_PKEY_keygen` makes keys of 2048 bits and more by the FIPS 186-4 auxiliary-prime method,
/// which spends most of its time in constant-time GCDs of every candidate; BoringSSL's generator takes less than
/// half the time for the same kind of key — the kind BOSH's generator (Go's `rsa.GenerateKey`) makes: two primes
/// of half the size, e = 65537, written as a PKCS#1 `RSA PRIVATE KEY`. The key is handed to OpenSSL, which the
/// certificate code signs with, through its PKCS#1 DER.
enum RSAKeyGeneration {
    /// Whether swift-crypto generates keys of `bits` bits (2048 and more, a whole number of bytes).
    static func handles(bits: Int) -> Bool { bits >= 2048 && bits % 8 == 0 }

    /// A key of `bits` bits (see ``handles(bits:)``).
    static func generate(bits: Int) throws -> OpenSSLKey {
        let key = try _RSA.Signing.PrivateKey(keySize: _RSA.Signing.KeySize(bitCount: bits))
        return try OpenSSLKey.fromPKCS1(Array(key.derRepresentation))
    }
}

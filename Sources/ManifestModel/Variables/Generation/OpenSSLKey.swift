import CLibSSL

/// An RSA key pair held by the system OpenSSL.
final class OpenSSLKey: @unchecked Sendable {
    let pkey: OpaquePointer

    private init(pkey: OpaquePointer) { self.pkey = pkey }

    deinit { EVP_PKEY_free(pkey) }

    /// Generates an RSA key of `bits` bits (2048 and more through swift-crypto, ``RSAKeyGeneration`` says why).
    static func generateRSA(bits: Int) throws -> OpenSSLKey {
        if RSAKeyGeneration.handles(bits: bits) { return try RSAKeyGeneration.generate(bits: bits) }
        return try generateRSAWithEVP(bits: bits)
    }

    /// Generates an RSA key of `bits` bits with `EVP_PKEY_keygen` (OpenSSL's own method for the size).
    static func generateRSAWithEVP(bits: Int) throws -> OpenSSLKey {
        guard let ctx = EVP_PKEY_CTX_new_id(EVP_PKEY_RSA, nil) else { throw OpenSSLError.last("creating a key context") }
        defer { EVP_PKEY_CTX_free(ctx) }
        guard EVP_PKEY_keygen_init(ctx) == 1, EVP_PKEY_CTX_set_rsa_keygen_bits(ctx, Int32(bits)) == 1 else {
            throw OpenSSLError.last("setting up RSA key generation")
        }
        var key: OpaquePointer?
        guard EVP_PKEY_keygen(ctx, &key) == 1, let key else { throw OpenSSLError.last("generating an RSA key") }
        return OpenSSLKey(pkey: key)
    }

    /// Reads a DER PKCS#1 RSAPrivateKey.
    static func fromPKCS1(_ der: [UInt8]) throws -> OpenSSLKey {
        let key = der.withUnsafeBufferPointer { buffer -> OpaquePointer? in
            var pointer: UnsafePointer<UInt8>? = buffer.baseAddress
            return d2i_PrivateKey(EVP_PKEY_RSA, nil, &pointer, buffer.count)
        }
        guard let key else { throw OpenSSLError.last("reading a generated RSA key") }
        return OpenSSLKey(pkey: key)
    }

    /// Reads a PEM private key (PKCS#1 or PKCS#8).
    static func fromPEM(_ pem: String) throws -> OpenSSLKey {
        let bio = try MemoryBIO(pem)
        guard let key = PEM_read_bio_PrivateKey(bio.bio, nil, nil, nil) else { throw OpenSSLError.last("reading a private key") }
        return OpenSSLKey(pkey: key)
    }

    /// The private key as `-----BEGIN RSA PRIVATE KEY-----` (PKCS#1), as BOSH stores it.
    func privateKeyPEM() throws -> String {
        let bio = try MemoryBIO()
        guard PEM_write_bio_PrivateKey_traditional(bio.bio, pkey, nil, nil, 0, nil, nil) == 1 else {
            throw OpenSSLError.last("writing a private key")
        }
        return bio.string()
    }

    /// The public key as `-----BEGIN PUBLIC KEY-----` (PKIX).
    func publicKeyPEM() throws -> String {
        let bio = try MemoryBIO()
        guard PEM_write_bio_PUBKEY(bio.bio, pkey) == 1 else { throw OpenSSLError.last("writing a public key") }
        return bio.string()
    }

    /// The RSA modulus and public exponent, big-endian.
    func rsaComponents() throws -> (n: [UInt8], e: [UInt8]) {
        func param(_ name: String) throws -> [UInt8] {
            var bn: OpaquePointer?
            guard EVP_PKEY_get_bn_param(pkey, name, &bn) == 1, let bn else { throw OpenSSLError.last("reading RSA \(name)") }
            defer { BN_free(bn) }
            var bytes = [UInt8](repeating: 0, count: Int(boshkit_BN_num_bytes(bn)))
            BN_bn2bin(bn, &bytes)
            return bytes
        }
        return (try param("n"), try param("e"))
    }
}

/// A memory BIO for PEM input and output.
final class MemoryBIO {
    let bio: OpaquePointer

    init() throws {
        guard let b = BIO_new(BIO_s_mem()) else { throw OpenSSLError.last("creating a memory buffer") }
        bio = b
    }

    init(_ text: String) throws {
        let bytes = Array(text.utf8)
        guard let b = BIO_new(BIO_s_mem()) else { throw OpenSSLError.last("creating a memory buffer") }
        bio = b
        _ = bytes.withUnsafeBufferPointer { BIO_write(bio, $0.baseAddress, Int32($0.count)) }
    }

    deinit { BIO_free(bio) }

    func string() -> String {
        var pointer: UnsafeMutablePointer<CChar>?
        let length = boshkit_BIO_get_mem_data(bio, &pointer)
        guard let pointer, length > 0 else { return "" }
        return String(decoding: UnsafeRawBufferPointer(start: pointer, count: length), as: UTF8.self)
    }
}

/// A failure inside OpenSSL, with its error queue's text.
struct OpenSSLError: Error, CustomStringConvertible {
    let description: String

    static func last(_ doing: String) -> OpenSSLError {
        var messages: [String] = []
        while case let code = ERR_get_error(), code != 0 {
            var buffer = [CChar](repeating: 0, count: 256)
            ERR_error_string_n(code, &buffer, buffer.count)
            messages.append(String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
        return OpenSSLError(description: "OpenSSL failed \(doing)" + (messages.isEmpty ? "" : ": " + messages.joined(separator: "; ")))
    }
}

/// Cryptographically random bytes from OpenSSL.
func secureRandomBytes(_ count: Int) throws -> [UInt8] {
    var bytes = [UInt8](repeating: 0, count: count)
    guard RAND_bytes(&bytes, Int32(count)) == 1 else { throw OpenSSLError.last("generating random bytes") }
    return bytes
}

/// A digest of bytes with an OpenSSL message digest.
func digest(_ bytes: [UInt8], _ md: OpaquePointer?) -> [UInt8] {
    var out = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
    var length: UInt32 = 0
    _ = bytes.withUnsafeBufferPointer { EVP_Digest($0.baseAddress, $0.count, &out, &length, md, nil) }
    return Array(out.prefix(Int(length)))
}

import CLibSSL
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An X.509 certificate held by the system OpenSSL: generated as BOSH's config server generates them, or read
/// from PEM to sign with or to compare against a variable's options.
final class X509Certificate: @unchecked Sendable {
    let x509: OpaquePointer

    private init(x509: OpaquePointer) { self.x509 = x509 }
    deinit { X509_free(x509) }

    static func fromPEM(_ pem: String) throws -> X509Certificate {
        let bio = try MemoryBIO(pem)
        guard let x = PEM_read_bio_X509(bio.bio, nil, nil, nil) else { throw OpenSSLError.last("reading a certificate") }
        return X509Certificate(x509: x)
    }

    func pem() throws -> String {
        let bio = try MemoryBIO()
        guard PEM_write_bio_X509(bio.bio, x509) == 1 else { throw OpenSSLError.last("writing a certificate") }
        return bio.string()
    }

    /// What to put in a new certificate.
    struct Request {
        var commonName: String
        var organization: String
        var alternativeNames: [String]
        var isCA: Bool
        var extendedKeyUsage: [String]
        var durationDays: Int
    }

    /// Creates a certificate for `key`, signed by `issuer` (its certificate and key) or self-signed.
    static func create(
        _ request: Request, key: OpenSSLKey, issuer: (certificate: X509Certificate, key: OpenSSLKey)?
    ) throws -> X509Certificate {
        guard let x = X509_new() else { throw OpenSSLError.last("creating a certificate") }
        let cert = X509Certificate(x509: x)
        X509_set_version(x, 2)
        // A random 128-bit serial number.
        let serialBytes = try secureRandomBytes(16)
        guard let bn = BN_bin2bn(serialBytes, Int32(serialBytes.count), nil) else { throw OpenSSLError.last("making a serial") }
        defer { BN_free(bn) }
        guard let serial = BN_to_ASN1_INTEGER(bn, nil) else { throw OpenSSLError.last("making a serial") }
        defer { ASN1_INTEGER_free(serial) }
        X509_set_serialNumber(x, serial)
        X509_gmtime_adj(X509_getm_notBefore(x), 0)
        X509_gmtime_adj(X509_getm_notAfter(x), request.durationDays * 24 * 3600)
        X509_set_pubkey(x, key.pkey)

        let name = X509_get_subject_name(x)
        func add(_ field: String, _ value: String) {
            guard !value.isEmpty else { return }
            X509_NAME_add_entry_by_txt(name, field, MBSTRING_UTF8, value, -1, -1, 0)
        }
        add("C", "US")
        add("O", request.organization)
        add("CN", request.commonName)
        X509_set_issuer_name(x, issuer.map { X509_get_subject_name($0.certificate.x509) } ?? name)

        var ctx = X509V3_CTX()
        X509V3_set_ctx(&ctx, issuer?.certificate.x509 ?? x, x, nil, nil, 0)
        func ext(_ nid: Int32, _ value: String) throws {
            guard let e = X509V3_EXT_conf_nid(nil, &ctx, nid, value) else { throw OpenSSLError.last("adding extension \(value)") }
            defer { X509_EXTENSION_free(e) }
            X509_add_ext(x, e, -1)
        }
        try ext(NID_basic_constraints, request.isCA ? "critical,CA:TRUE" : "critical,CA:FALSE")
        try ext(NID_key_usage, request.isCA ? "critical,keyCertSign,cRLSign" : "critical,digitalSignature,keyEncipherment")
        if !request.isCA {
            let usages = request.extendedKeyUsage.map { $0 == "client_auth" ? "clientAuth" : "serverAuth" }
            try ext(NID_ext_key_usage, usages.joined(separator: ","))
            if !request.alternativeNames.isEmpty {
                let sans = request.alternativeNames.map { IPAddressText.isIP($0) ? "IP:\($0)" : "DNS:\($0)" }
                try ext(NID_subject_alt_name, sans.joined(separator: ","))
            }
        }
        try ext(NID_subject_key_identifier, "hash")
        try ext(NID_authority_key_identifier, "keyid:always")

        let signer = issuer?.key ?? key
        guard X509_sign(x, signer.pkey, EVP_sha256()) > 0 else { throw OpenSSLError.last("signing a certificate") }
        return cert
    }

    /// The subject's common name.
    var commonName: String? { nameEntry(NID_commonName) }

    /// The DNS names and IP addresses of the subjectAltName extension.
    var alternativeNames: [String] {
        guard let raw = X509_get_ext_d2i(x509, NID_subject_alt_name, nil, nil) else { return [] }
        let names = OpaquePointer(raw)
        defer { GENERAL_NAMES_free(names) }
        var result: [String] = []
        for i in 0..<OPENSSL_sk_num(names) {
            guard let gp = OPENSSL_sk_value(names, i) else { continue }
            let gen = gp.assumingMemoryBound(to: GENERAL_NAME.self)
            if gen.pointee.type == GEN_DNS, let s = gen.pointee.d.dNSName {
                result.append(String(cString: ASN1_STRING_get0_data(s)))
            } else if gen.pointee.type == GEN_IPADD, let s = gen.pointee.d.iPAddress {
                let bytes = Array(UnsafeBufferPointer(start: ASN1_STRING_get0_data(s), count: Int(ASN1_STRING_length(s))))
                result.append(IPAddressText.format(bytes))
            }
        }
        return result
    }

    /// Whole days between notBefore and notAfter.
    var validityDays: Int {
        var days: Int32 = 0
        var seconds: Int32 = 0
        ASN1_TIME_diff(&days, &seconds, X509_get0_notBefore(x509), X509_get0_notAfter(x509))
        return Int(days)
    }

    /// Whether the basicConstraints extension says CA.
    var isCA: Bool { X509_check_ca(x509) != 0 }

    private func nameEntry(_ nid: Int32) -> String? {
        let name = X509_get_subject_name(x509)
        let index = X509_NAME_get_index_by_NID(name, nid, -1)
        guard index >= 0, let entry = X509_NAME_get_entry(name, index), let data = X509_NAME_ENTRY_get_data(entry) else {
            return nil
        }
        return String(cString: ASN1_STRING_get0_data(data))
    }
}

/// IPv4/IPv6 address text, as Go's `net.ParseIP` accepts and prints it.
enum IPAddressText {
    static func isIP(_ s: String) -> Bool { parse(s) != nil }

    static func parse(_ s: String) -> [UInt8]? {
        var out = [UInt8](repeating: 0, count: 16)
        if s.contains(":") {
            return inet_pton(AF_INET6, s, &out) == 1 ? out : nil
        }
        return inet_pton(AF_INET, s, &out) == 1 ? Array(out.prefix(4)) : nil
    }

    static func format(_ bytes: [UInt8]) -> String {
        var buffer = [CChar](repeating: 0, count: 64)
        let family = bytes.count == 4 ? AF_INET : AF_INET6
        _ = bytes.withUnsafeBufferPointer { inet_ntop(family, $0.baseAddress, &buffer, 64) }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

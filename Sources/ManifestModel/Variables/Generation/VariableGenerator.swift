import BoshYAML
import CLibSSL

/// Generates variable values as BOSH's config server (and so `bosh int --vars-store`) does:
/// `password`, `certificate`, `rsa`, `ssh` and `user`.
enum VariableGenerator {
    /// The issuing CA a certificate names in `ca:`.
    typealias CALoader = (String) throws -> (certificate: X509Certificate, key: OpenSSLKey)

    static let supportedTypes = ["password", "certificate", "rsa", "ssh", "user"]

    /// Generates one value; RSA keys come from `keys` when given (see ``RSAKeyPool``).
    static func generate(type: String, options: CertificateOptions, keys: RSAKeyPool? = nil, loadCA: CALoader) throws -> YAMLNode {
        func rsaKey(_ bits: Int) throws -> OpenSSLKey { try keys?.take(bits: bits) ?? OpenSSLKey.generateRSA(bits: bits) }
        switch type {
        case "password":
            return scalar(try password(length: options.length, allowed: options.allowedCharacters))
        case "certificate":
            return try certificate(options, key: rsaKey, loadCA: loadCA)
        case "rsa":
            let key = try rsaKey(2048)
            return map([("private_key", try key.privateKeyPEM()), ("public_key", try key.publicKeyPEM())])
        case "ssh":
            let key = try rsaKey(2048)
            let (n, e) = try key.rsaComponents()
            var blob: [UInt8] = []
            func put(_ bytes: [UInt8]) {
                let length = UInt32(bytes.count)
                blob += [UInt8(length >> 24), UInt8(length >> 16 & 0xff), UInt8(length >> 8 & 0xff), UInt8(length & 0xff)]
                blob += bytes
            }
            func mpint(_ bytes: [UInt8]) -> [UInt8] {
                let trimmed = Array(bytes.drop { $0 == 0 })
                return (trimmed.first ?? 0) & 0x80 != 0 ? [0] + trimmed : trimmed
            }
            put(Array("ssh-rsa".utf8))
            put(mpint(e))
            put(mpint(n))
            let fingerprint = digest(blob, EVP_md5()).map { byte in
                let hex = String(byte, radix: 16)
                return hex.count == 1 ? "0" + hex : hex
            }.joined(separator: ":")
            return map([
                ("private_key", try key.privateKeyPEM()), ("public_key", "ssh-rsa " + Base64.encode(blob)),
                ("public_key_fingerprint", fingerprint),
            ])
        case "user":
            let username = try options.username ?? password(length: 20, allowed: nil)
            return map([("username", username), ("password", try password(length: 20, allowed: nil))])
        default:
            throw GenerationError("unsupported variable type '\(type)' (supported: \(supportedTypes.joined(separator: ", ")))")
        }
    }

    /// 20 characters of `a-z0-9` unless `length` (> 10) or `allowed_characters` say otherwise.
    static func password(length: Int?, allowed: String?) throws -> String {
        let alphabet = Array(allowed.flatMap { $0.isEmpty ? nil : $0 } ?? "abcdefghijklmnopqrstuvwxyz0123456789")
        let count = (length ?? 0) > 10 ? length! : 20
        var out = ""
        // Rejection sampling keeps the choice uniform.
        let limit = 256 - 256 % alphabet.count
        while out.count < count {
            for byte in try secureRandomBytes(count * 2) where Int(byte) < limit && out.count < count {
                out.append(alphabet[Int(byte) % alphabet.count])
            }
        }
        return out
    }

    static func certificate(_ o: CertificateOptions, key makeKey: (Int) throws -> OpenSSLKey, loadCA: CALoader) throws -> YAMLNode {
        let keyLength = o.keyLength ?? 3072
        guard [2048, 3072, 4096].contains(keyLength) else {
            throw GenerationError("Invalid key_length: \(keyLength).  Must be one of: [2048 3072 4096]")
        }
        for usage in o.extendedKeyUsage where usage != "client_auth" && usage != "server_auth" {
            throw GenerationError("Unsupported extended key usage value: \(usage)")
        }
        if !o.isCA && o.ca == nil { throw GenerationError("Missing required CA name") }
        let issuer = try o.ca.map { try loadCA($0) }
        let key = try makeKey(keyLength)
        let request = X509Certificate.Request(
            commonName: o.commonName ?? "", organization: o.organization ?? "Cloud Foundry",
            alternativeNames: o.alternativeNames, isCA: o.isCA,
            extendedKeyUsage: o.extendedKeyUsage.isEmpty ? ["server_auth"] : o.extendedKeyUsage,
            durationDays: (o.duration ?? 0) > 0 ? o.duration! : 365)
        let cert = try X509Certificate.create(request, key: key, issuer: issuer)
        let certPEM = try cert.pem()
        return map([
            ("ca", try issuer?.certificate.pem() ?? certPEM), ("certificate", certPEM),
            ("private_key", try key.privateKeyPEM()),
        ])
    }

    private static func scalar(_ s: String) -> YAMLNode {
        var tree = YAMLTree(file: "<generated>")
        let id = tree.addString(s)
        return YAMLNode(tree: tree, id: id)
    }

    private static func map(_ entries: [(String, String)]) -> YAMLNode {
        var tree = YAMLTree(file: "<generated>")
        let pairs = entries.map { (key: tree.addString($0.0), value: tree.addString($0.1)) }
        let id = tree.addMapping(pairs)
        return YAMLNode(tree: tree, id: id)
    }
}

/// A generator failure (config server's message).
struct GenerationError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Standard base64.
enum Base64 {
    static func encode(_ bytes: [UInt8]) -> String {
        let table = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
        var out = ""
        var i = 0
        while i < bytes.count {
            let b0 = bytes[i]
            let b1 = i + 1 < bytes.count ? bytes[i + 1] : 0
            let b2 = i + 2 < bytes.count ? bytes[i + 2] : 0
            out.append(table[Int(b0 >> 2)])
            out.append(table[Int((b0 & 3) << 4 | b1 >> 4)])
            out.append(i + 1 < bytes.count ? table[Int((b1 & 15) << 2 | b2 >> 6)] : "=")
            out.append(i + 2 < bytes.count ? table[Int(b2 & 63)] : "=")
            i += 3
        }
        return out
    }
}

import BoshYAML
import Dispatch
import Synchronization

/// RSA keys generated before the variables that take them, on every core at once.
///
/// Generating a vars store is almost all RSA key generation (cf-deployment's store needs 92 keys of 3072 bits),
/// and keys are independent of each other, so they are made together up front; the variables are then generated
/// one by one in their usual order (a CA before the certificates it signs), each taking a ready key. The store's
/// names, order and value shapes are the same as without the pool.
final class RSAKeyPool: Sendable {
    private let ready: Mutex<[Int: [OpenSSLKey]]>

    /// Generates `count` keys of `bits` bits for each request, concurrently.
    /// - Throws: ``OpenSSLError`` when OpenSSL fails to generate one.
    init(generating requests: [(bits: Int, count: Int)]) throws {
        // The largest keys first, so the last ones to finish are the quick ones.
        let jobs = requests.sorted { $0.bits > $1.bits }.flatMap { Array(repeating: $0.bits, count: $0.count) }
        let made = Mutex<(keys: [Int: [OpenSSLKey]], error: OpenSSLError?)>(([:], nil))
        DispatchQueue.concurrentPerform(iterations: jobs.count) { i in
            do {
                let key = try OpenSSLKey.generateRSA(bits: jobs[i])
                made.withLock { $0.keys[jobs[i], default: []].append(key) }
            } catch {
                made.withLock { $0.error = $0.error ?? (error as? OpenSSLError) ?? OpenSSLError(description: "\(error)") }
            }
        }
        let (keys, error) = made.withLock { ($0.keys, $0.error) }
        if let error { throw error }
        ready = Mutex(keys)
    }

    /// A pool for the variables about to be generated (`type` and raw `options` of each), or nil when fewer than
    /// two of them take a key (nothing to do at once). Options that can't be read yet (a `key_length` given as a
    /// variable, say) leave that variable to make its own key.
    static func ahead(for definitions: [(type: String, options: YAMLNode?)]) throws -> RSAKeyPool? {
        var counts: [Int: Int] = [:]
        for definition in definitions {
            if let bits = VariableGenerator.rsaKeyBits(type: definition.type, options: definition.options) {
                counts[bits, default: 0] += 1
            }
        }
        guard counts.values.reduce(0, +) > 1 else { return nil }
        return try RSAKeyPool(generating: counts.map { (bits: $0.key, count: $0.value) })
    }

    /// A ready key of `bits` bits, or a new one when the pool has none left.
    func take(bits: Int) throws -> OpenSSLKey {
        if let key = ready.withLock({ $0[bits]?.popLast() }) { return key }
        return try OpenSSLKey.generateRSA(bits: bits)
    }
}

extension VariableGenerator {
    /// The size of the RSA key generating a variable of `type` with `options` takes, or nil (no key, or options
    /// that are not readable before interpolation).
    static func rsaKeyBits(type: String, options: YAMLNode?) -> Int? {
        switch type {
        case "rsa", "ssh":
            return 2048
        case "certificate":
            guard let parsed = try? CertificateOptions(options) else { return nil }
            let bits = parsed.keyLength ?? 3072
            return [2048, 3072, 4096].contains(bits) ? bits : nil
        default:
            return nil
        }
    }
}

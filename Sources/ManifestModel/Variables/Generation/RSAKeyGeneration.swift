import CLibSSL

/// Two-prime RSA key generation from OpenSSL's own prime generator.
///
/// OpenSSL 3.0's `EVP_PKEY_keygen` makes RSA keys of 2048 bits and more by the FIPS 186-4 auxiliary-prime method,
/// which spends most of its time in constant-time GCDs of every candidate; generating the two primes with
/// `BN_generate_prime_ex2` (a small-prime sieve, then Miller–Rabin with OpenSSL's 64 rounds on the survivor) and
/// deriving the rest takes about two thirds of the time. The key is the same kind BOSH's generator (Go's
/// `rsa.GenerateKey`) makes: two primes of half the size each, e = 65537, d = e⁻¹ mod lcm(p−1, q−1), the CRT
/// values, written as a PKCS#1 `RSA PRIVATE KEY`. OpenSSL checks the assembled key's structure when it reads it,
/// and a round trip through the public and private exponents checks the arithmetic.
enum RSAKeyGeneration {
    static let publicExponent: UInt = 65537

    /// A key of `bits` bits (2048 or more).
    static func generate(bits: Int) throws -> OpenSSLKey {
        guard let ctx = BN_CTX_new() else { throw OpenSSLError.last("creating a number context") }
        defer { BN_CTX_free(ctx) }
        let e = try Number(publicExponent)
        while true {
            let p = try prime(bits: bits - bits / 2, ctx: ctx)
            let q = try prime(bits: bits / 2, ctx: ctx)
            // The primes are far enough apart (FIPS 186-4 B.3.1: |p − q| > 2^(bits/2 − 100)).
            let difference = try Number()
            try check(BN_sub(difference.bn, p.bn, q.bn), "subtracting")
            guard BN_num_bits(difference.bn) > Int32(bits / 2 - 100) else { continue }
            let n = try Number()
            try check(BN_mul(n.bn, p.bn, q.bn, ctx), "multiplying")
            guard BN_num_bits(n.bn) == Int32(bits) else { continue }
            let p1 = try Number(copying: p), q1 = try Number(copying: q)
            try check(BN_sub_word(p1.bn, 1), "subtracting")
            try check(BN_sub_word(q1.bn, 1), "subtracting")
            // λ(n) = (p − 1)(q − 1) / gcd(p − 1, q − 1)
            let gcd = try Number(), product = try Number(), lambda = try Number()
            try check(BN_gcd(gcd.bn, p1.bn, q1.bn, ctx), "computing a gcd")
            try check(BN_mul(product.bn, p1.bn, q1.bn, ctx), "multiplying")
            try check(BN_div(lambda.bn, nil, product.bn, gcd.bn, ctx), "dividing")
            let d = try Number()
            guard BN_mod_inverse(d.bn, e.bn, lambda.bn, ctx) != nil else { continue }
            // A private exponent too small to be safe (FIPS 186-4 B.3.1: d > 2^(bits/2)) is drawn again.
            guard BN_num_bits(d.bn) > Int32(bits / 2) else { continue }
            let dp = try Number(), dq = try Number(), qInverse = try Number()
            try check(BN_div(nil, dp.bn, d.bn, p1.bn, ctx), "reducing")
            try check(BN_div(nil, dq.bn, d.bn, q1.bn, ctx), "reducing")
            guard BN_mod_inverse(qInverse.bn, q.bn, p.bn, ctx) != nil else { continue }
            try roundTrip(n: n, e: e, d: d, ctx: ctx)
            let der = DER.sequence([
                DER.integer([0]), DER.integer(n.bytes), DER.integer(e.bytes), DER.integer(d.bytes), DER.integer(p.bytes),
                DER.integer(q.bytes), DER.integer(dp.bytes), DER.integer(dq.bytes), DER.integer(qInverse.bytes),
            ])
            return try OpenSSLKey.fromPKCS1(der)
        }
    }

    /// A prime of exactly `bits` bits with its top two bits set (so two of them multiply to twice the bits) and
    /// gcd(p − 1, e) = 1.
    static func prime(bits: Int, ctx: OpaquePointer) throws -> Number {
        let p = try Number()
        repeat {
            try check(BN_generate_prime_ex2(p.bn, Int32(bits), 0, nil, nil, nil, ctx), "generating a prime")
        } while BN_mod_word(p.bn, publicExponent) == 1  // e is prime: gcd(p − 1, e) ≠ 1 iff p ≡ 1 (mod e)
        return p
    }

    /// m^e^d = m for a random m < n.
    static func roundTrip(n: Number, e: Number, d: Number, ctx: OpaquePointer) throws {
        let m = try Number(), c = try Number(), back = try Number()
        try check(BN_priv_rand_range(m.bn, n.bn), "drawing a number")
        try check(BN_mod_exp(c.bn, m.bn, e.bn, n.bn, ctx), "exponentiating")
        try check(BN_mod_exp(back.bn, c.bn, d.bn, n.bn, ctx), "exponentiating")
        guard BN_cmp(m.bn, back.bn) == 0 else { throw OpenSSLError(description: "generated RSA key failed its self-test") }
    }

    private static func check(_ result: Int32, _ doing: String) throws {
        guard result == 1 else { throw OpenSSLError.last(doing) }
    }

    /// An OpenSSL big number, cleared and freed with its owner.
    final class Number {
        let bn: OpaquePointer

        init() throws {
            guard let bn = BN_new() else { throw OpenSSLError.last("allocating a number") }
            self.bn = bn
        }

        convenience init(_ value: UInt) throws {
            try self.init()
            guard BN_set_word(bn, value) == 1 else { throw OpenSSLError.last("setting a number") }
        }

        convenience init(copying other: Number) throws {
            try self.init()
            guard BN_copy(bn, other.bn) != nil else { throw OpenSSLError.last("copying a number") }
        }

        deinit { BN_clear_free(bn) }

        /// Big-endian magnitude.
        var bytes: [UInt8] {
            var out = [UInt8](repeating: 0, count: Int(boshkit_BN_num_bytes(bn)))
            BN_bn2bin(bn, &out)
            return out
        }
    }
}

/// The DER of a PKCS#1 RSAPrivateKey: a SEQUENCE of INTEGERs.
enum DER {
    static func integer(_ magnitude: [UInt8]) -> [UInt8] {
        var content = Array(magnitude.drop { $0 == 0 })
        if content.isEmpty || content[0] & 0x80 != 0 { content.insert(0, at: 0) }
        return [0x02] + length(content.count) + content
    }

    static func sequence(_ items: [[UInt8]]) -> [UInt8] {
        let content = items.flatMap { $0 }
        return [0x30] + length(content.count) + content
    }

    static func length(_ n: Int) -> [UInt8] {
        if n < 0x80 { return [UInt8(n)] }
        var bytes: [UInt8] = []
        var rest = n
        while rest > 0 {
            bytes.insert(UInt8(rest & 0xff), at: 0)
            rest >>= 8
        }
        return [0x80 | UInt8(bytes.count)] + bytes
    }
}

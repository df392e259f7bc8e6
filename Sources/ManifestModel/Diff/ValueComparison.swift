@_spi(BoshKitInternals) import BoshYAML
#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// Ruby's equality on loaded YAML: `==` (numbers equal across Integer and Float, maps regardless of key
/// order, lists in order) and `eql?`/`hash` (the same, but `1` and `1.0` differ), which `Array#-` uses.
enum ValueComparison {
    /// A key as a Ruby hash key; collections (which manifests never use as keys) compare by identity.
    static func keyValue(_ doc: DiffDocument, _ ref: Int32) throws(DiffError) -> PsychScalar {
        doc.kind(ref) == .scalar ? try doc.scalar(ref) : .string("\u{0}collection:\(ObjectIdentifier(doc).hashValue):\(ref)")
    }

    /// Whether `a` in `da` equals `b` in `db`; `strict` is `eql?`, otherwise `==`.
    static func equal(_ da: DiffDocument, _ a: Int32, _ db: DiffDocument, _ b: Int32, strict: Bool) throws(DiffError) -> Bool {
        var notes = EqualityNotes()
        return try equal(da, a, db, b, strict: strict, notes: &notes)
    }

    /// ``equal(_:_:_:_:strict:)``, noting in `notes` what the walk met that its answer does not tell.
    static func equal(
        _ da: DiffDocument, _ a: Int32, _ db: DiffDocument, _ b: Int32, strict: Bool, notes: inout EqualityNotes
    ) throws(DiffError) -> Bool {
        let kind = da.kind(a)
        guard kind == db.kind(b) else { return false }
        switch kind {
        case .scalar:
            if sameSpelling(da, a, db, b) {
                // Same spelling, same typing rules: equal unless it is NaN.
                return !(da.isPlainUntagged(a) && isNaNSpelling(da, a))
            }
            // Two strings that load as themselves: equal exactly when their bytes are (Ruby compares strings byte
            // by byte: a precomposed `é` is not `e` with a combining accent).
            if let x = da.stringBytes(a), let y = db.stringBytes(b) { return sameBytes(x, y) }
            let va = try da.scalar(a)
            let vb = try db.scalar(b)
            if strict { return va == vb }
            guard va.looselyEquals(vb) else { return false }
            if va != vb { notes.looseOnly = true }
            return true
        case .sequence:
            let n = da.count(a)
            guard n == db.count(b) else { return false }
            notes.depth += 1
            defer { notes.depth -= 1 }
            for i in 0..<n {
                let x = da.item(a, i), y = db.item(b, i)
                if sameScalarSpelling(da, x, db, y) { continue }
                guard try equal(da, x, db, y, strict: strict, notes: &notes) else { return false }
            }
            return true
        case .mapping:
            let n = da.count(a)
            guard n == db.count(b) else { return false }
            let outermost = notes.depth == 0
            notes.depth += 1
            defer { notes.depth -= 1 }
            for i in 0..<n {
                let (k, v) = da.entry(a, i)
                // Fast path: the same key at the same position.
                var other: Int32? = nil
                if i < db.count(b) {
                    let (k2, v2) = db.entry(b, i)
                    if db.kind(k2) == .scalar && da.kind(k) == .scalar && sameSpelling(da, k, db, k2)
                    {
                        other = v2
                    }
                }
                if other == nil {
                    notes.lookedUp = true
                    other = try db.value(b, forKey: k, of: da)
                }
                guard let o = other else { return false }
                if !sameScalarSpelling(da, v, db, o) {
                    guard try equal(da, v, db, o, strict: strict, notes: &notes) else { return false }
                }
                if outermost && !notes.lookedUp { notes.leadingEqualEntries = i + 1 }
            }
            return true
        }
    }

    /// Whether two values are scalars spelled the same way under the same typing rules, and not `.nan`: what
    /// ``equal(_:_:_:_:strict:notes:)`` answers `true` for first, noting nothing. Walks settle most pairs
    /// with it in line, without a call; any other pair gets the full comparison. (Transparent: the optimizer
    /// does not inline it into the recursive walk otherwise.)
    @_transparent static func sameScalarSpelling(
        _ da: DiffDocument, _ a: Int32, _ db: DiffDocument, _ b: Int32
    ) -> Bool {
        guard da.kind(a) == .scalar && db.kind(b) == .scalar else { return false }
        return sameSpelling(da, a, db, b) && !(da.isPlainUntagged(a) && isNaNSpelling(da, a))
    }

    /// Whether two scalars load by the same rule from the same bytes: both plain without a tag (typed by their
    /// spelling), or both quoted, block or synthetic without a tag (strings). A tag decides the value over the
    /// spelling (`!!str 1` is the string, `!!int 1` the number), so tagged scalars are never taken as equal here.
    @_transparent static func sameSpelling(_ da: DiffDocument, _ a: Int32, _ db: DiffDocument, _ b: Int32) -> Bool {
        da.isPlainUntagged(a) == db.isPlainUntagged(b) && !da.hasTag(a) && !db.hasTag(b) && sameText(da, a, db, b)
    }

    /// Whether two scalars are spelled with the same bytes.
    @inline(__always) static func sameText(_ da: DiffDocument, _ a: Int32, _ db: DiffDocument, _ b: Int32) -> Bool {
        if da.isSynthetic(a) || db.isSynthetic(b) { return sameSyntheticText(da, a, db, b) }
        return sameBytes(da.raw.scalarBytes(a), db.raw.scalarBytes(b))
    }

    @inline(never) private static func sameSyntheticText(_ da: DiffDocument, _ a: Int32, _ db: DiffDocument, _ b: Int32) -> Bool {
        da.rawText(a).utf8.elementsEqual(db.rawText(b).utf8)
    }

    @inline(__always) static func isASCII(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        for c in b where c >= 0x80 { return false }
        return true
    }

    /// Whether two byte buffers hold the same bytes.
    @inline(__always) static func sameBytes(_ x: UnsafeBufferPointer<UInt8>, _ y: UnsafeBufferPointer<UInt8>) -> Bool {
        x.count == y.count && (x.isEmpty || memcmp(x.baseAddress!, y.baseAddress!, x.count) == 0)
    }

    /// Whether a plain scalar is spelled `.nan` (any case), which never equals itself.
    static func isNaNSpelling(_ doc: DiffDocument, _ ref: Int32) -> Bool {
        if doc.isSynthetic(ref) { return false }
        let b = doc.raw.scalarBytes(ref)
        return b.count == 4 && b[0] == 46 && (b[1] | 0x20) == 110 && (b[2] | 0x20) == 97 && (b[3] | 0x20) == 110
    }

    /// Whether a plain scalar certainly loads as a string without running the scanner: it starts with an
    /// ASCII letter or one of Psych's string-test punctuation marks, and is not one of the words YAML 1.1
    /// reads as a boolean or null.
    @inline(__always) static func isObviouslyString(_ doc: DiffDocument, _ ref: Int32) -> Bool {
        let b = doc.raw.scalarBytes(ref)
        guard let c = b.first, isStringStart(c) else { return false }
        return !isBoolOrNullWord(b)
    }

    /// Whether a byte is an ASCII letter or one of `_/!@#$%^&*(){}<>|\;=`, as two 64-bit masks.
    @inline(__always) static func isStringStart(_ c: UInt8) -> Bool {
        if c < 64 { return (0x7800_877A_0000_0000 as UInt64) >> c & 1 != 0 }
        if c < 128 { return (0x3FFF_FFFE_D7FF_FFFF as UInt64) >> (c - 64) & 1 != 0 }
        return false
    }

    /// Whether ASCII text is one of the words Psych reads as a boolean or null (any case).
    @inline(__always) static func isBoolOrNullWord(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard b.count >= 2 && b.count <= 5 else { return false }
        var word: UInt64 = 0
        for x in b { word = word << 8 | UInt64(x | 0x20) }
        // yes, true, on, no, false, off, null, lower-cased and packed into an integer (a switch, not a set:
        // this runs for nearly every scalar and a set hashes the word first).
        switch word {
        case 0x79_6573, 0x7472_7565, 0x6F6E, 0x6E6F, 0x66_616C_7365, 0x6F_6666, 0x6E75_6C6C: return true
        default: return false
        }
    }

    /// The bytes ``isStringStart(_:)`` accepts, worked out from their description (its masks are checked
    /// against this in tests).
    static let stringStartBytes: [UInt8] = (0..<128).map { UInt8($0) }.filter { byte in
        let letter: Bool = (byte | 0x20) >= 97 && (byte | 0x20) <= 122
        let punctuation: Bool = Array("_/!@#$%^&*(){}<>|\\;=".utf8).contains(byte)
        return letter || punctuation
    }


    /// A hash consistent with `eql?` for scalars; strings hash their bytes without being typed when the
    /// spelling already says "string".
    static func scalarHash(_ doc: DiffDocument, _ ref: Int32) throws(DiffError) -> Int {
        if let bytes = doc.stringBytes(ref) { return bytesHash(bytes) }
        let value = try doc.scalar(ref)
        if case .string(var s) = value { return s.withUTF8 { bytesHash($0) } }
        var hasher = Hasher()
        hasher.combine(1)
        hasher.combine(value)
        return hasher.finalize()
    }

    /// A string's hash: FNV-1a style over its UTF-8 bytes, eight at a time, the last partial word read at
    /// once (cheaper than `Hasher` for the short keys and names hashed here; only used to bucket values that
    /// are then compared, so any function of the bytes will do).
    @inline(__always) static func bytesHash(_ b: UnsafeBufferPointer<UInt8>) -> Int {
        let prime: UInt64 = 0x0000_0100_0000_01b3
        let n = b.count
        var h: UInt64 = 0xcbf2_9ce4_8422_2325 ^ UInt64(truncatingIfNeeded: n)
        guard let base = b.baseAddress, n > 0 else { return Int(truncatingIfNeeded: h) }
        let p = UnsafeRawPointer(base)
        var i = 0
        while i + 8 <= n {
            h = (h ^ p.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* prime
            h ^= h >> 32
            i += 8
        }
        if i < n {
            // The rest (1 to 7 bytes): the last eight bytes when there are that many, else two overlapping
            // halves, or the first, middle and last byte (the length is already in the hash).
            let tail: UInt64
            if n >= 8 {
                tail = p.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)
            } else if n >= 4 {
                tail = UInt64(p.loadUnaligned(as: UInt32.self)) << 32 | UInt64(p.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self))
            } else {
                tail = UInt64(base[0]) << 16 | UInt64(base[n >> 1]) << 8 | UInt64(base[n - 1])
            }
            h = (h ^ tail) &* prime
            h ^= h >> 32
        }
        return Int(truncatingIfNeeded: h)
    }

    /// A cheap hash consistent with `eql?` that looks one level deep: a scalar's value; a list's length; a
    /// map's size, keys and the value of its `name` (or `range`) key. Elements that differ mostly differ
    /// here, so `Array#-` on named elements stays linear and then compares only within a bucket.
    static func shallowHash(_ doc: DiffDocument, _ ref: Int32) throws(DiffError) -> Int {
        if let known = doc.cachedHash(ref) { return known }
        let hash = try computeShallowHash(doc, ref)
        doc.storeHash(ref, hash)
        return hash
    }

    private static func computeShallowHash(_ doc: DiffDocument, _ ref: Int32) throws(DiffError) -> Int {
        switch doc.kind(ref) {
        case .scalar: return try scalarHash(doc, ref)
        case .sequence: return doc.count(ref) &* 31 &+ 1
        case .mapping:
            var sum = doc.count(ref) &* 31 &+ 2
            for i in 0..<doc.count(ref) {
                let (k, v) = doc.entry(ref, i)
                guard doc.kind(k) == .scalar else { continue }
                let kh = try scalarHash(doc, k)
                sum = sum &+ kh
                if doc.kind(v) == .scalar && isNameOrRange(doc, k) {
                    sum = sum &+ (try scalarHash(doc, v)) &* 7
                }
            }
            return sum
        }
    }

    /// Whether a scalar is spelled `text`.
    @inline(__always) static func textIs(_ doc: DiffDocument, _ ref: Int32, _ text: StaticString) -> Bool {
        if doc.isSynthetic(ref) { return syntheticTextIs(doc, ref, text) }
        let b = doc.raw.scalarBytes(ref)
        return b.count == text.utf8CodeUnitCount && (b.count == 0 || memcmp(b.baseAddress!, text.utf8Start, b.count) == 0)
    }

    @inline(never) private static func syntheticTextIs(_ doc: DiffDocument, _ ref: Int32, _ text: StaticString) -> Bool {
        doc.rawText(ref) == "\(text)"
    }

    /// Whether a key is spelled `name` or `range` (the keys ``shallowHash(_:_:)`` also hashes the value of).
    @inline(__always) static func isNameOrRange(_ doc: DiffDocument, _ ref: Int32) -> Bool {
        if doc.isSynthetic(ref) { return textIs(doc, ref, "name") || textIs(doc, ref, "range") }
        switch doc.raw.scalarBytes(ref).count {
        case 4: return textIs(doc, ref, "name")
        case 5: return textIs(doc, ref, "range")
        default: return false
        }
    }
}

@inline(__always) private func memcmp(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ n: Int) -> Int32 {
    // Long texts (certificates, scripts) through the C library's vectorised compare.
    #if canImport(Glibc)
    if n > 16 { return Glibc.memcmp(a, b, n) == 0 ? 0 : 1 }
    #else
    if n > 16 { return Darwin.memcmp(a, b, n) == 0 ? 0 : 1 }
    #endif
    // Short texts (keys, names) as two overlapping words each way instead of byte by byte.
    let x = UnsafeRawPointer(a)
    let y = UnsafeRawPointer(b)
    if n >= 8 {
        let head = x.loadUnaligned(as: UInt64.self) ^ y.loadUnaligned(as: UInt64.self)
        let tail = x.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self) ^ y.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)
        return head | tail == 0 ? 0 : 1
    }
    if n >= 4 {
        let head = x.loadUnaligned(as: UInt32.self) ^ y.loadUnaligned(as: UInt32.self)
        let tail = x.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self) ^ y.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self)
        return head | tail == 0 ? 0 : 1
    }
    var i = 0
    while i < n {
        if a[i] != b[i] { return 1 }
        i += 1
    }
    return 0
}

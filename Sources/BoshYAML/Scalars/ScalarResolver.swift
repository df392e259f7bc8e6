/// Go yaml.v2's implicit typing of plain scalars (resolve.go), on UTF-8 bytes.
///
/// The rules, in yaml.v2's order: an exact spelling from its table (`yes`, `Off`, `~`, `.inf` …); a leading
/// `.` tries a float; a leading digit or sign tries a timestamp, then an integer in any Go base (underscores
/// removed), then an unsigned integer, then a YAML-style float; everything else is a string.
enum ScalarResolver {
    /// What a plain, untagged scalar resolves to. Timestamps resolve to `.string` (yaml.v2 keeps their text).
    @inline(__always) static func kind(ofPlain s: UnsafeBufferPointer<UInt8>) -> ScalarKind {
        classify(s).kind
    }

    /// Whether a plain scalar starting with `byte` can resolve to something other than a string: the first bytes
    /// of yaml.v2's table spellings and of numbers and timestamps (`y Y n N t T f F o O ~ . + -` and digits).
    @inline(__always) static func mayStartNonString(_ byte: UInt8) -> Bool {
        if byte < 64 { return nonStringStartsBelow64 >> byte & 1 != 0 }
        if byte < 128 { return nonStringStartsFrom64 >> (byte &- 64) & 1 != 0 }
        return false
    }

    /// `+ - .` and `0`–`9`, as bits by byte value.
    private static let nonStringStartsBelow64: UInt64 = 1 << 43 | 1 << 45 | 1 << 46 | 0x3FF << 48
    /// `F N O T Y f n o t y ~`, as bits by byte value minus 64.
    private static let nonStringStartsFrom64: UInt64 =
        1 << (70 - 64) | 1 << (78 - 64) | 1 << (79 - 64) | 1 << (84 - 64) | 1 << (89 - 64) | 1 << (102 - 64)
        | 1 << (110 - 64) | 1 << (111 - 64) | 1 << (116 - 64) | 1 << (121 - 64) | 1 << (126 - 64)

    /// Whether a string written plain would read back as something other than the same string
    /// (a number, a bool, null, a timestamp or a base-60 float) — yaml.v2 quotes such strings.
    static func needsQuoting(_ s: UnsafeBufferPointer<UInt8>) -> Bool {
        let c = classify(s)
        return c.kind != .string || c.isTimestamp || isBase60Float(s)
    }

    struct Classification {
        var kind: ScalarKind
        var isTimestamp = false
    }

    /// How a plain scalar reads. Most plain scalars (keys, names) start with a byte only strings start with and
    /// are decided by it, inline; the others go through the table and the number and timestamp syntaxes.
    @inline(__always) static func classify(_ s: UnsafeBufferPointer<UInt8>) -> Classification {
        guard let first = s.first else { return Classification(kind: .null) }
        guard mayStartNonString(first) else { return Classification(kind: .string) }
        return classify(s, startingWith: first)
    }

    private static func classify(_ s: UnsafeBufferPointer<UInt8>, startingWith first: UInt8) -> Classification {
        switch first {
        case UInt8(ascii: "y"), UInt8(ascii: "Y"), UInt8(ascii: "n"), UInt8(ascii: "N"), UInt8(ascii: "t"),
            UInt8(ascii: "T"), UInt8(ascii: "f"), UInt8(ascii: "F"), UInt8(ascii: "o"), UInt8(ascii: "O"),
            UInt8(ascii: "~"):
            return Classification(kind: tableKind(s) ?? .string)
        case UInt8(ascii: "."):
            if let k = tableKind(s) { return Classification(kind: k) }
            return Classification(kind: GoNumber.parseFloat(s) != nil ? .float : .string)
        case UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            if let k = tableKind(s) { return Classification(kind: k) }
            if GoTimestamp.matches(s) { return Classification(kind: .string, isTimestamp: true) }
            switch GoNumber.parseNumber(s) {
            case .int?: return Classification(kind: .int)
            case .uint?: return Classification(kind: .uint)
            case .float?: return Classification(kind: .float)
            default: return Classification(kind: .string)
            }
        default:
            return Classification(kind: .string)
        }
    }

    /// The resolved value of a plain scalar.
    static func resolvePlain(_ s: UnsafeBufferPointer<UInt8>) -> ResolvedScalar {
        let c = classify(s)
        switch c.kind {
        case .null: return .null
        case .bool: return .bool(tableBool(s))
        case .int, .uint, .float:
            if s.first == UInt8(ascii: ".") || tableKind(s) == .float {
                if let v = tableFloat(s) { return .float(v) }
                return .float(GoNumber.parseFloat(s) ?? 0)
            }
            switch GoNumber.parseNumber(s) {
            case .int(let v)?: return .int(v)
            case .uint(let v)?: return .uint(v)
            case .float(let v)?: return .float(v)
            case nil: return .string(String(decoding: s, as: UTF8.self))
            }
        case .string:
            return .string(String(decoding: s, as: UTF8.self))
        }
    }

    /// A value of yaml.v2's resolve table.
    private enum TableValue {
        case bool(Bool)
        case null
        case float(Double)
    }

    /// The table entry spelled exactly `s`, if any. No entry is longer than 5 bytes, so a candidate's bytes and
    /// length pack into one integer, and the table is a switch over the packed entries (yaml.v2's resolve table:
    /// the YAML 1.1 booleans, the nulls and the special floats).
    private static func tableValue(_ s: UnsafeBufferPointer<UInt8>) -> TableValue? {
        guard s.count >= 1 && s.count <= 5 else { return nil }
        switch packed(s) {
        case 0x0100000000000079, 0x0100000000000059, 0x0300000000736579, 0x0300000000736559, 0x0300000000534559,
            0x0400000065757274, 0x0400000065757254, 0x0400000045555254, 0x0200000000006E6F, 0x0200000000006E4F,
            0x0200000000004E4F:
            return .bool(true)  // y Y yes Yes YES true True TRUE on On ON
        case 0x010000000000006E, 0x010000000000004E, 0x0200000000006F6E, 0x0200000000006F4E, 0x0200000000004F4E,
            0x05000065736C6166, 0x05000065736C6146, 0x05000045534C4146, 0x030000000066666F, 0x030000000066664F,
            0x030000000046464F:
            return .bool(false)  // n N no No NO false False FALSE off Off OFF
        case 0x010000000000007E, 0x040000006C6C756E, 0x040000006C6C754E, 0x040000004C4C554E:
            return .null  // ~ null Null NULL
        case 0x040000006E616E2E, 0x040000004E614E2E, 0x040000004E414E2E:
            return .float(.nan)  // .nan .NaN .NAN
        case 0x04000000666E692E, 0x04000000666E492E, 0x04000000464E492E, 0x050000666E692E2B, 0x050000666E492E2B,
            0x050000464E492E2B:
            return .float(.infinity)  // .inf .Inf .INF +.inf +.Inf +.INF
        case 0x050000666E692E2D, 0x050000666E492E2D, 0x050000464E492E2D:
            return .float(-.infinity)  // -.inf -.Inf -.INF
        default:
            return nil
        }
    }

    /// The bytes of `s` (at most 5) packed little-endian, its length in the top byte.
    @inline(__always) private static func packed(_ s: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var v = UInt64(s.count) << 56
        for i in 0..<s.count { v |= UInt64(s[i]) << (8 * i) }
        return v
    }

    private static func tableKind(_ s: UnsafeBufferPointer<UInt8>) -> ScalarKind? {
        switch tableValue(s) {
        case .bool?: return .bool
        case .null?: return .null
        case .float?: return .float
        case nil: return nil
        }
    }

    private static func tableBool(_ s: UnsafeBufferPointer<UInt8>) -> Bool {
        if case .bool(let b)? = tableValue(s) { return b }
        return false
    }

    private static func tableFloat(_ s: UnsafeBufferPointer<UInt8>) -> Double? {
        if case .float(let v)? = tableValue(s) { return v }
        return nil
    }

    /// yaml.v2's base-60 float pattern `^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$`.
    static func isBase60Float(_ s: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        let n = s.count
        func digit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }
        if i < n && (s[i] == UInt8(ascii: "+") || s[i] == UInt8(ascii: "-")) { i += 1 }
        guard i < n, digit(s[i]) else { return false }
        i += 1
        while i < n && (digit(s[i]) || s[i] == UInt8(ascii: "_")) { i += 1 }
        var groups = 0
        while i < n && s[i] == UInt8(ascii: ":") {
            i += 1
            // [0-5]?[0-9]
            guard i < n, digit(s[i]) else { return false }
            if i + 1 < n, digit(s[i + 1]), s[i] <= UInt8(ascii: "5") { i += 2 } else { i += 1 }
            groups += 1
        }
        guard groups > 0 else { return false }
        if i < n && s[i] == UInt8(ascii: ".") {
            i += 1
            while i < n && (digit(s[i]) || s[i] == UInt8(ascii: "_")) { i += 1 }
        }
        return i == n
    }
}

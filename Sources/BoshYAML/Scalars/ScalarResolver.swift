/// Go yaml.v2's implicit typing of plain scalars (resolve.go), on UTF-8 bytes.
///
/// The rules, in yaml.v2's order: an exact spelling from its table (`yes`, `Off`, `~`, `.inf` …); a leading
/// `.` tries a float; a leading digit or sign tries a timestamp, then an integer in any Go base (underscores
/// removed), then an unsigned integer, then a YAML-style float; everything else is a string.
enum ScalarResolver {
    /// What a plain, untagged scalar resolves to. Timestamps resolve to `.string` (yaml.v2 keeps their text).
    static func kind(ofPlain s: UnsafeBufferPointer<UInt8>) -> ScalarKind {
        classify(s).kind
    }

    /// Whether a string written plain would read back as something other than the same string
    /// (a number, a bool, null, a timestamp or a base-60 float) — yaml.v2 quotes such strings.
    static func needsQuoting(_ s: UnsafeBufferPointer<UInt8>) -> Bool {
        let c = classify(s)
        return c.kind != .string || c.isTimestamp || isBase60Float(s)
    }

    struct Classification {
        var kind: ScalarKind
        var isTimestamp = false
        var isMerge = false
    }

    static func classify(_ s: UnsafeBufferPointer<UInt8>) -> Classification {
        guard let first = s.first else { return Classification(kind: .null) }
        switch first {
        case UInt8(ascii: "y"), UInt8(ascii: "Y"), UInt8(ascii: "n"), UInt8(ascii: "N"), UInt8(ascii: "t"),
            UInt8(ascii: "T"), UInt8(ascii: "f"), UInt8(ascii: "F"), UInt8(ascii: "o"), UInt8(ascii: "O"),
            UInt8(ascii: "~"):
            return Classification(kind: tableKind(s) ?? .string)
        case UInt8(ascii: "."):
            if let k = tableKind(s) { return Classification(kind: k) }
            return Classification(kind: GoNumber.parseFloat(s) != nil ? .float : .string)
        case UInt8(ascii: "<"):
            if s.count == 2 && s[1] == UInt8(ascii: "<") { return Classification(kind: .string, isMerge: true) }
            return Classification(kind: .string)
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

    private static func equals(_ s: UnsafeBufferPointer<UInt8>, _ word: StaticString) -> Bool {
        s.count == word.utf8CodeUnitCount && memcmpBytes(s.baseAddress!, word.utf8Start, s.count)
    }

    private static func tableKind(_ s: UnsafeBufferPointer<UInt8>) -> ScalarKind? {
        if s.count > 6 { return nil }
        for w in boolWords where equals(s, w.0) { return .bool }
        for w in nullWords where equals(s, w) { return .null }
        if tableFloat(s) != nil { return .float }
        return nil
    }

    private static func tableBool(_ s: UnsafeBufferPointer<UInt8>) -> Bool {
        for w in boolWords where equals(s, w.0) { return w.1 }
        return false
    }

    private static func tableFloat(_ s: UnsafeBufferPointer<UInt8>) -> Double? {
        for w in [".nan", ".NaN", ".NAN"] as [StaticString] where equals(s, w) { return .nan }
        for w in [".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"] as [StaticString] where equals(s, w) { return .infinity }
        for w in ["-.inf", "-.Inf", "-.INF"] as [StaticString] where equals(s, w) { return -.infinity }
        return nil
    }

    private static let boolWords: [(StaticString, Bool)] = [
        ("y", true), ("Y", true), ("yes", true), ("Yes", true), ("YES", true),
        ("true", true), ("True", true), ("TRUE", true), ("on", true), ("On", true), ("ON", true),
        ("n", false), ("N", false), ("no", false), ("No", false), ("NO", false),
        ("false", false), ("False", false), ("FALSE", false), ("off", false), ("Off", false), ("OFF", false),
    ]
    private static let nullWords: [StaticString] = ["~", "null", "Null", "NULL"]

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

/// A scalar as Ruby's Psych (YAML 1.1, `safe_load` with symbols permitted) loads it: the value model the
/// director compares manifests in.
enum PsychScalar: Hashable {
    case null
    case bool(Bool)
    case int(Int64)
    /// An integer beyond 64 bits, as its decimal text.
    case bigInt(String)
    case float(Double)
    case string(String)
    case symbol(String)

    /// Ruby's `eql?`: the same kind and value, strings (and symbols) byte for byte, as Ruby compares them (Swift's
    /// `String ==` would take a precomposed `é` for `e` with a combining accent). The synthesized hash stays
    /// consistent: strings with the same bytes hash alike.
    static func == (lhs: PsychScalar, rhs: PsychScalar) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.int(let a), .int(let b)): return a == b
        case (.bigInt(let a), .bigInt(let b)), (.string(let a), .string(let b)), (.symbol(let a), .symbol(let b)):
            return a.utf8.elementsEqual(b.utf8)
        case (.float(let a), .float(let b)): return a == b
        default: return false
        }
    }

    /// Ruby's `==`: numbers compare by value across Integer and Float; everything else as ``eql``.
    func looselyEquals(_ other: PsychScalar) -> Bool {
        switch (self, other) {
        case (.int(let a), .float(let b)), (.float(let b), .int(let a)): return Double(a) == b
        default: return self == other
        }
    }

    /// Whether Ruby treats the value as true in a condition (everything but `nil` and `false`).
    var isTruthy: Bool {
        switch self {
        case .null, .bool(false): return false
        default: return true
        }
    }

    /// Ruby's `to_s` (used for section headers and for the release and stemcell versions the director
    /// stringifies).
    var rubyDescription: String {
        switch self {
        case .null: return ""
        case .bool(let b): return b ? "true" : "false"
        case .int(let v): return String(v)
        case .bigInt(let s): return s
        case .float(let v): return RubyFloat.description(v)
        case .string(let s), .symbol(let s): return s
        }
    }
}

/// Ruby's `Float#to_s`: the shortest round-tripping digits, fixed notation below 1e15 and down to 0.0001,
/// scientific (`1.0e+20`) otherwise.
enum RubyFloat {
    static func description(_ v: Double) -> String {
        if v.isNaN { return "NaN" }
        if v.isInfinite { return v < 0 ? "-Infinity" : "Infinity" }
        if v == 0 { return v.sign == .minus ? "-0.0" : "0.0" }
        let (digits, exponent) = shortestDigits(abs(v))
        let sign = v < 0 ? "-" : ""
        let decpt = exponent  // value = 0.digits × 10^decpt
        if decpt > 0 && decpt <= 15 {
            if digits.count <= decpt {
                return sign + digits + String(repeating: "0", count: decpt - digits.count) + ".0"
            }
            let cut = digits.index(digits.startIndex, offsetBy: decpt)
            return sign + digits[..<cut] + "." + digits[cut...]
        }
        if decpt <= 0 && decpt > -4 {
            return sign + "0." + String(repeating: "0", count: -decpt) + digits
        }
        let first = digits.prefix(1)
        let rest = digits.count > 1 ? String(digits.dropFirst()) : "0"
        let e = decpt - 1
        let expText = (e < 0 ? "-" : "+") + (abs(e) < 10 ? "0" : "") + String(abs(e))
        return sign + first + "." + rest + "e" + expText
    }

    /// The shortest decimal digits of a positive finite double and its exponent `d` (value = 0.DIGITS × 10^d),
    /// read from Swift's own shortest round-trip rendering.
    private static func shortestDigits(_ v: Double) -> (String, Int) {
        let text = "\(v)"
        var mantissa = Substring(text)
        var exp = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = text[..<e]
            exp = Int(text[text.index(after: e)...]) ?? 0
        }
        var intPart = Substring(mantissa)
        var fracPart: Substring = ""
        if let dot = mantissa.firstIndex(of: ".") {
            intPart = mantissa[..<dot]
            fracPart = mantissa[mantissa.index(after: dot)...]
        }
        var digits = String(intPart) + fracPart
        var decpt = intPart.count + exp
        while digits.hasPrefix("0") && digits.count > 1 {
            digits.removeFirst()
            decpt -= 1
        }
        while digits.hasSuffix("0") && digits.count > 1 { digits.removeLast() }
        return (digits, decpt)
    }
}

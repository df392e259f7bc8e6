/// Go's `strconv` number parsing and `FormatFloat(f, 'g', -1, 64)`, as yaml.v2 uses them.
enum GoNumber {
    enum Number {
        case int(Int64)
        case uint(UInt64)
        case float(Double)
    }

    /// yaml.v2's number path for scalars starting with a digit or sign: underscores removed, then
    /// `ParseInt(s, 0, 64)`, `ParseUint(s, 0, 64)`, then a YAML-style float.
    static func parseNumber(_ s: UnsafeBufferPointer<UInt8>) -> Number? {
        // Most numbers have no underscore: read them in place rather than copying them first.
        guard s.contains(UInt8(ascii: "_")) else { return parseNumberWithoutUnderscores(s) }
        var plain: [UInt8] = []
        plain.reserveCapacity(s.count)
        for c in s where c != UInt8(ascii: "_") { plain.append(c) }
        return plain.withUnsafeBufferPointer { parseNumberWithoutUnderscores($0) }
    }

    private static func parseNumberWithoutUnderscores(_ p: UnsafeBufferPointer<UInt8>) -> Number? {
        if let v = parseInt(p) { return .int(v) }
        if let v = parseUint(p) { return .uint(v) }
        if isYAMLStyleFloat(p), let v = parseFloat(p) { return .float(v) }
        return nil
    }

    /// Go `strconv.ParseInt(s, 0, 64)`.
    static func parseInt(_ s: UnsafeBufferPointer<UInt8>) -> Int64? {
        guard let first = s.first else { return nil }
        var negative = false
        var body = s
        if first == UInt8(ascii: "+") || first == UInt8(ascii: "-") {
            negative = first == UInt8(ascii: "-")
            body = UnsafeBufferPointer(rebasing: s[1...])
        }
        guard let magnitude = parseUint(body) else { return nil }
        if negative {
            if magnitude > UInt64(Int64.max) + 1 { return nil }
            return magnitude == UInt64(Int64.max) + 1 ? Int64.min : -Int64(magnitude)
        }
        return magnitude > UInt64(Int64.max) ? nil : Int64(magnitude)
    }

    /// Go `strconv.ParseUint(s, 0, 64)`: base from the prefix (`0x`, `0o`, `0b`, a leading `0` for octal).
    static func parseUint(_ s: UnsafeBufferPointer<UInt8>) -> UInt64? {
        guard !s.isEmpty else { return nil }
        var i = 0
        var base: UInt64 = 10
        if s[0] == UInt8(ascii: "0") {
            let next = s.count >= 3 ? s[1] | 0x20 : 0
            switch next {
            case UInt8(ascii: "b"): base = 2; i = 2
            case UInt8(ascii: "o"): base = 8; i = 2
            case UInt8(ascii: "x"): base = 16; i = 2
            default: base = 8; i = 1
            }
        }
        var n: UInt64 = 0
        while i < s.count {
            let c = s[i]
            let d: UInt64
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): d = UInt64(c - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "z"): d = UInt64(c - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): d = UInt64(c - UInt8(ascii: "A") + 10)
            default: return nil
            }
            if d >= base { return nil }
            let (m, o1) = n.multipliedReportingOverflow(by: base)
            let (a, o2) = m.addingReportingOverflow(d)
            if o1 || o2 { return nil }
            n = a
            i += 1
        }
        return n
    }

    /// yaml.v2's `^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`.
    static func isYAMLStyleFloat(_ s: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        let n = s.count
        func digits() -> Int {
            let start = i
            while i < n && s[i] >= 48 && s[i] <= 57 { i += 1 }
            return i - start
        }
        if i < n && (s[i] == UInt8(ascii: "+") || s[i] == UInt8(ascii: "-")) { i += 1 }
        if i < n && s[i] == UInt8(ascii: ".") {
            i += 1
            if digits() == 0 { return false }
        } else {
            if digits() == 0 { return false }
            if i < n && s[i] == UInt8(ascii: ".") {
                i += 1
                _ = digits()
            }
        }
        if i < n && (s[i] == UInt8(ascii: "e") || s[i] == UInt8(ascii: "E")) {
            i += 1
            if i < n && (s[i] == UInt8(ascii: "+") || s[i] == UInt8(ascii: "-")) { i += 1 }
            if digits() == 0 { return false }
        }
        return i == n
    }

    /// Go `strconv.ParseFloat(s, 64)` for decimal text: `nil` on a syntax error or overflow.
    static func parseFloat(_ s: UnsafeBufferPointer<UInt8>) -> Double? {
        guard isYAMLStyleFloat(s) else { return nil }
        guard let v = Double(String(decoding: s, as: UTF8.self)), v.isFinite else { return nil }
        return v
    }

    /// Go `strconv.FormatFloat(f, 'g', -1, 64)` with yaml.v2's `.inf`, `-.inf`, `.nan`.
    static func formatFloat(_ f: Double) -> String {
        if f.isNaN { return ".nan" }
        if f.isInfinite { return f < 0 ? "-.inf" : ".inf" }
        if f == 0 { return f.sign == .minus ? "-0" : "0" }
        // Shortest round-trip digits from Swift's description, then Go's %g layout.
        let (negative, digits, pointPosition) = shortestDigits(f)
        var out = negative ? "-" : ""
        let exponent = pointPosition - 1
        if exponent < -4 || exponent >= 6 {
            out.append(digits.first!)
            if digits.count > 1 {
                out.append(".")
                out.append(contentsOf: digits.dropFirst())
            }
            out.append("e")
            out.append(exponent < 0 ? "-" : "+")
            let e = abs(exponent)
            if e < 10 { out.append("0") }
            out.append(String(e))
            return out
        }
        if pointPosition <= 0 {
            out.append("0.")
            out.append(String(repeating: "0", count: -pointPosition))
            out.append(contentsOf: digits)
        } else if pointPosition >= digits.count {
            out.append(contentsOf: digits)
            out.append(String(repeating: "0", count: pointPosition - digits.count))
        } else {
            let index = digits.index(digits.startIndex, offsetBy: pointPosition)
            out.append(contentsOf: digits[..<index])
            out.append(".")
            out.append(contentsOf: digits[index...])
        }
        return out
    }

    /// The shortest decimal digits that round-trip `f` (no leading or trailing zeros) and where the decimal
    /// point goes: `f = 0.DIGITS × 10^pointPosition`.
    static func shortestDigits(_ f: Double) -> (negative: Bool, digits: String, pointPosition: Int) {
        let text = abs(f).description
        var mantissa = Substring(text)
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = text[..<e]
            exponent = Int(text[text.index(after: e)...]) ?? 0
        }
        var digits = ""
        var point = 0
        var seenPoint = false
        for c in mantissa {
            if c == "." {
                seenPoint = true
                continue
            }
            digits.append(c)
            if !seenPoint { point += 1 }
        }
        // Strip leading zeros (moving the point) and trailing zeros.
        while digits.first == "0" && digits.count > 1 {
            digits.removeFirst()
            point -= 1
        }
        while digits.last == "0" && digits.count > 1 { digits.removeLast() }
        return (f < 0, digits, point + exponent)
    }
}

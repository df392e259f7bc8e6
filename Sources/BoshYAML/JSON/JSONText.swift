/// JSON string literals, shared by the modules that print JSON by hand.
package enum JSONText {
    /// Appends `s` as a JSON string literal. With `goEscapes`, also escapes what Go's encoding/json escapes
    /// beyond the minimum (`&`, U+2028, U+2029), for messages that must match Go tools byte for byte.
    package static func appendQuoted(_ s: String, to out: inout String, goEscapes: Bool = false) {
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "&" where goEscapes: out += "\\u0026"
            case "\u{2028}" where goEscapes: out += "\\u2028"
            case "\u{2029}" where goEscapes: out += "\\u2029"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }
}

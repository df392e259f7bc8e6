/// The director's `VALID_ID` rule for release, job, package and stemcell names and versions.
package enum BoshIdentifier {
    /// Whether `value` is non-empty and made of letters, digits, `-`, `_`, `+` and `.` only.
    package static func isValid(_ value: String) -> Bool {
        !value.isEmpty
            && value.utf8.allSatisfy { c in
                (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)
                    || c == UInt8(ascii: "-") || c == UInt8(ascii: "_") || c == UInt8(ascii: "+")
                    || c == UInt8(ascii: ".")
            }
    }
}

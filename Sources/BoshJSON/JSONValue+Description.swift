import Foundation

extension JSONValue: CustomStringConvertible {
    /// The value as compact JSON with object keys sorted: `{"a":[1,2.5,"x",null]}`, written by Foundation's
    /// `JSONEncoder`.
    ///
    /// Interpolating a value (`"\(value)"`, log metadata, error messages) therefore prints the JSON it stands for.
    /// A non-finite double, which JSON cannot hold, prints as the string `"nan"`, `"inf"` or `"-inf"`.
    public var description: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        guard let data = try? encoder.encode(self) else { return "<JSON that cannot be encoded>" }
        return String(decoding: data, as: UTF8.self)
    }
}

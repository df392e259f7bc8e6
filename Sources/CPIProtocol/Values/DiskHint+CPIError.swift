extension DiskHint {
    /// Decodes a hint; `nil` for `null`.
    /// - Throws: ``CPIError/cpiError(message:okToRetry:)`` for anything but a string, an object or `null`.
    public init?(json: JSONValue) throws(CPIError) {
        if json.isNull { return nil }
        guard let hint = DiskHint(stringOrObject: json) else {
            throw .cpiError(message: "A disk hint must be a string or an object, got \(json.kindDescription)")
        }
        self = hint
    }
}

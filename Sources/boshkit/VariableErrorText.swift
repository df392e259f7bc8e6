/// Variable errors as bosh-cli v7 prints them.
enum VariableErrorText {
    /// `--var-errs` and `--var-errs-unused` failures as v7's bullets:
    ///
    ///     - Expected to find variables:
    ///         - x
    ///     - Expected to use variables:
    ///         - unused
    ///
    /// from the library's `Expected to find variables: x` + one name per line. Any other message (and one
    /// already in bullets) is returned as it is.
    static func boshV7(_ message: String) -> String {
        let headings = ["Expected to find variables: ", "Expected to use variables: "]
        guard headings.contains(where: message.hasPrefix) else { return message }
        var lines: [String] = []
        for line in message.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if let heading = headings.first(where: line.hasPrefix) {
                lines.append("- " + heading.dropLast())
                lines.append("    - " + line.dropFirst(heading.count))
            } else {
                lines.append("    - " + line)
            }
        }
        return lines.joined(separator: "\n")
    }
}

extension ManifestDiff {
    /// The diff as `bosh deploy` prints it: `+ ` before added lines, `- ` before removed ones, two spaces
    /// before the rest, one line each.
    /// - Parameter colour: colour added lines green and removed lines red (for a terminal).
    public func rendered(colour: Bool = false) -> String {
        var out = ""
        out.reserveCapacity(lines.count * 48)
        for line in lines { line.render(into: &out, colour: colour) }
        return out
    }
}

extension DiffLine {
    /// The line as `bosh deploy` prints it, with its newline.
    public func rendered(colour: Bool = false) -> String {
        var out = ""
        render(into: &out, colour: colour)
        return out
    }

    func render(into out: inout String, colour: Bool) {
        switch state {
        case .added: out += colour ? "\u{1B}[32m+ " : "+ "
        case .removed: out += colour ? "\u{1B}[31m- " : "- "
        case .unchanged: out += "  "
        }
        for _ in 0..<indent { out += "  " }
        out += text
        if colour && state != .unchanged { out += "\u{1B}[0m" }
        out += "\n"
    }
}

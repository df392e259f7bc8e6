extension ManifestDiff {
    /// The diff as `bosh deploy` prints it: `+ ` before added lines, `- ` before removed ones, two spaces
    /// before the rest, one line each.
    /// - Parameter colour: colour added lines green and removed lines red (for a terminal).
    public func rendered(colour: Bool = false) -> String {
        if colour {
            var out = ""
            out.reserveCapacity(lines.count * 48)
            for line in lines { line.render(into: &out, colour: true) }
            return out
        }
        // Without colour: every line's bytes written once into one buffer of the exact size.
        var total = 0
        for line in lines { total += 3 + 2 * line.indent + line.text.utf8.count }
        return String(unsafeUninitializedCapacity: total) { buffer in
            var at = 0
            for line in lines {
                buffer[at] = line.state == .added ? 43 : line.state == .removed ? 45 : 32
                buffer[at + 1] = 32
                at += 2
                for _ in 0..<(2 * line.indent) {
                    buffer[at] = 32
                    at += 1
                }
                var text = line.text
                text.withUTF8 { bytes in
                    if let source = bytes.baseAddress { (buffer.baseAddress! + at).initialize(from: source, count: bytes.count) }
                    at += bytes.count
                }
                buffer[at] = 10
                at += 1
            }
            return at
        }
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

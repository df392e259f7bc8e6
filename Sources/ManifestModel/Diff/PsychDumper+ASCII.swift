/// The dumper's path for non-empty printable ASCII scalars (bytes 0x20–0x7E, so no line breaks): the same
/// style choice and the same folding as the general path on Unicode scalars, worked out on the bytes, with the
/// runs between spaces copied into the output at once.
extension PsychDumper {
    /// Writes a scalar node of the document that loads as a printable ASCII string straight from its bytes
    /// (the text and style ``DiffDocument/outputStyle(_:redactedLeaf:)`` gives it, without making a `String`),
    /// as a key only when it is short enough to be a simple one. Returns `false`, having written nothing, for
    /// any other node.
    mutating func emitASCIIStringNode(_ ref: Int32, simpleKey: Bool) -> Bool {
        guard asciiBytePath, let (b, requested) = document.asciiStringStyle(ref), !simpleKey || b.count <= 128,
            let analysis = ScalarAnalysis(printableASCII: b)
        else { return false }
        return emitPrintableASCII(b, analysis, requested, quotedImplicit: true, simpleKey: simpleKey)
    }

    /// Writes the scalar and returns `true`, or returns `false` having written nothing when the style it
    /// ends up with (a literal block) is left to the general path.
    mutating func emitPrintableASCII(
        _ b: UnsafeBufferPointer<UInt8>, _ analysis: ScalarAnalysis, _ requested: PsychScalarStyle.Style,
        quotedImplicit: Bool, simpleKey: Bool
    ) -> Bool {
        // As in the general path; printable ASCII is never multi-line, never empty, always single-quotable.
        var style = requested
        if style == .plain && !analysis.blockPlainAllowed { style = .singleQuoted }
        if style == .literal && (!analysis.blockAllowed || simpleKey) { style = .doubleQuoted }
        if style == .literal { return false }
        beginScalar(style, quotedImplicit: quotedImplicit)
        let allowBreaks = !simpleKey
        switch style {
        case .plain:
            if !whitespace { put(UInt8(ascii: " ")) }
            writeFoldableASCII(b, allowBreaks: allowBreaks, singleQuoted: false)
        case .singleQuoted:
            writeIndicator(UInt8(ascii: "'"), needWhitespace: true, isWhitespace: false, isIndention: false)
            writeFoldableASCII(b, allowBreaks: allowBreaks, singleQuoted: true)
            writeIndicator(UInt8(ascii: "'"), needWhitespace: false, isWhitespace: false, isIndention: false)
        case .doubleQuoted:
            writeIndicator(UInt8(ascii: "\""), needWhitespace: true, isWhitespace: false, isIndention: false)
            // Without spaces, quotes, backslashes or DEL nothing is escaped or folded.
            if b.contains(where: { $0 == 32 || $0 == 0x7F || $0 == 34 || $0 == 92 }) {
                writeDoubleQuotedBody(b.lazy.map { Unicode.Scalar($0) }, allowBreaks: allowBreaks)
            } else {
                appendBytes(b)
            }
            writeIndicator(UInt8(ascii: "\""), needWhitespace: false, isWhitespace: false, isIndention: false)
        case .literal:
            preconditionFailure("left to the general path above")
        }
        whitespace = false
        indention = false
        popIndent()
        return true
    }

    /// The body of a plain or single-quoted scalar without line breaks: a single space past column 80 folds
    /// (never the first or last character of a quoted one), `'` is doubled when quoted.
    private mutating func writeFoldableASCII(_ b: UnsafeBufferPointer<UInt8>, allowBreaks: Bool, singleQuoted: Bool) {
        let n = b.count
        var spaces = false
        var i = 0
        while i < n {
            if b[i] == 32 {
                let edge = singleQuoted && (i == 0 || i == n - 1)
                if allowBreaks && !spaces && column > Self.bestWidth && !edge && !(i + 1 < n && b[i + 1] == 32) {
                    writeIndent()
                } else {
                    out.append(32)
                    column += 1
                }
                spaces = true
                i += 1
                continue
            }
            var j = i
            while j < n && b[j] != 32 && !(singleQuoted && b[j] == 39) { j += 1 }
            if j == i {
                out.append(39)
                out.append(39)
                column += 2
                j += 1
            } else {
                appendBytes(UnsafeBufferPointer(rebasing: b[i..<j]))
            }
            indention = false
            spaces = false
            i = j
        }
    }

    /// Appends ASCII bytes (one column each) in one copy.
    private mutating func appendBytes(_ b: UnsafeBufferPointer<UInt8>) {
        out.append(contentsOf: b)
        column += b.count
    }
}

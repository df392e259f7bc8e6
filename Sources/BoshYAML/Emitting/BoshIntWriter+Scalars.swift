/// Scalars in bosh-int style: the text yaml.v2 `Marshal` gives each decoded value, the style it asks for
/// (encode.go), the style the emitter settles on (`yaml_emitter_select_scalar_style`), and the writers for
/// plain, single-quoted, double-quoted and literal text with yaml.v2's folding at 80 columns.
extension BoshIntWriter {
    /// A scalar style: the one yaml.v2 asks the emitter for, then the one the emitter settles on.
    enum ScalarStyle {
        case plain, singleQuoted, doubleQuoted, literal
    }

    /// Writes a scalar node as a value, or as a key followed by its `:` (a `? ` complex key when it is
    /// multi-line or longer than 128 bytes).
    mutating func scalar(_ id: Int32, asKey: Bool) {
        let n = nodes[Int(id)]
        switch n.resolved {
        case .string:
            let value = slice(n)
            let analysis = ScalarAnalysis(value)
            let style: ScalarStyle
            if analysis.hasLineFeed {
                style = .literal
            } else if ScalarResolver.needsQuoting(value) {
                style = .doubleQuoted
            } else {
                style = .plain
            }
            scalar(value, style, analysis, asKey: asKey)
        case .null:
            word("null", asKey: asKey)
        case .int where Self.isCanonicalDecimal(slice(n)):
            let value = slice(n)
            scalar(value, .plain, ScalarAnalysis(value), asKey: asKey)
        default:
            var text = Self.goText(of: YAMLTree.NodeID(id), in: tree)
            text.withUTF8 { scalar($0, .plain, ScalarAnalysis($0), asKey: asKey) }
        }
    }

    /// What yaml.v2 prints for a non-string value (Go's `FormatInt`, `FormatFloat(…, 'g', -1, 64)`, …).
    static func goText(of id: YAMLTree.NodeID, in tree: YAMLTree) -> String {
        let text = tree.canonicalText(id)
        return text.isEmpty ? "null" : text
    }

    /// `0`, `7`, `-12`: already what Go's `FormatInt` prints.
    static func isCanonicalDecimal(_ s: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        if s.first == UInt8(ascii: "-") { i = 1 }
        guard i < s.count, s.count - i <= 18 else { return false }
        if s[i] == UInt8(ascii: "0") && s.count - i > 1 { return false }
        if s[i] == UInt8(ascii: "0") && i == 1 { return false }
        while i < s.count {
            guard s[i] >= 48 && s[i] <= 57 else { return false }
            i += 1
        }
        return true
    }

    @inline(__always) func slice(_ n: RawNode) -> UnsafeBufferPointer<UInt8> {
        n.count == 0
            ? UnsafeBufferPointer(start: nil, count: 0)
            : UnsafeBufferPointer(start: text.baseAddress! + Int(n.start), count: Int(n.count))
    }

    /// A fixed plain word (`null`, `true`, `false`).
    mutating func word(_ w: StaticString, asKey: Bool) {
        let value = UnsafeBufferPointer(start: w.utf8Start, count: w.utf8CodeUnitCount)
        scalar(value, .plain, ScalarAnalysis(value), asKey: asKey)
    }

    mutating func scalar(_ value: UnsafeBufferPointer<UInt8>, _ style: ScalarStyle, _ a: ScalarAnalysis, asKey: Bool) {
        guard asKey else {
            writeScalar(value, style, a, simpleKey: false)
            return
        }
        // yaml_emitter_check_simple_key
        if a.multiline || value.count > Self.maxSimpleKeyLength {
            complexKey { $0.writeScalar(value, style, a, simpleKey: false) }
        } else {
            writeScalar(value, style, a, simpleKey: true)
            writeIndicator(UInt8(ascii: ":"), needWhitespace: false, isWhitespace: false, isIndention: false)
        }
    }

    /// yaml_emitter_emit_scalar: style selection, then the text at one more indentation level.
    mutating func writeScalar(
        _ value: UnsafeBufferPointer<UInt8>, _ requested: ScalarStyle, _ a: ScalarAnalysis, simpleKey: Bool
    ) {
        var style = requested
        if simpleKey && a.multiline { style = .doubleQuoted }
        if style == .plain {
            if !a.blockPlainAllowed || (value.isEmpty && simpleKey) { style = .singleQuoted }
        }
        if style == .singleQuoted && !a.singleQuotedAllowed { style = .doubleQuoted }
        if style == .literal && (!a.blockAllowed || simpleKey) { style = .doubleQuoted }

        let saved = indent
        increaseIndent(flow: true, indentless: false)
        switch style {
        case .plain: writePlain(value, a, allowBreaks: !simpleKey)
        case .singleQuoted: writeSingleQuoted(value, a, allowBreaks: !simpleKey)
        case .doubleQuoted: writeDoubleQuoted(value, a, allowBreaks: !simpleKey)
        case .literal: writeLiteral(value)
        }
        indent = saved
    }

    // MARK: Character output

    /// Copies one character; the column counts characters.
    @inline(__always) mutating func writeCharacter(_ v: UnsafeBufferPointer<UInt8>, _ i: inout Int) {
        let w = min(YAMLChars.width(v[i]), v.count - i)
        if w == 1 {
            out.append(v[i])
        } else {
            out.append(UnsafeBufferPointer(rebasing: v[i..<i + w]))
        }
        column += 1
        i += w
    }

    @inline(__always) mutating func writeBreak(_ v: UnsafeBufferPointer<UInt8>, _ i: inout Int) {
        if v[i] == 0x0A {
            putBreak()
            i += 1
        } else {
            writeCharacter(v, &i)
            column = 0
        }
    }

    /// Copies text that needs no folding or escaping in one go.
    @inline(__always) mutating func writeRun(_ v: UnsafeBufferPointer<UInt8>, characters: Int) {
        out.append(v)
        column += characters
    }

    /// Whether text starting at the current column could reach a space past the folding width.
    @inline(__always) func mayFold(_ a: ScalarAnalysis, allowBreaks: Bool) -> Bool {
        allowBreaks && a.hasSpace && column + a.characters > Self.bestWidth + 1
    }

    // MARK: Styles

    mutating func writePlain(_ v: UnsafeBufferPointer<UInt8>, _ a: ScalarAnalysis, allowBreaks: Bool) {
        if !whitespace {
            out.append(0x20)
            column += 1
        }
        if !a.multiline && !mayFold(a, allowBreaks: allowBreaks) {
            writeRun(v, characters: a.characters)
        } else {
            writeFoldable(v, allowBreaks: allowBreaks, singleQuoted: false)
        }
        whitespace = false
        indention = false
    }

    mutating func writeSingleQuoted(_ v: UnsafeBufferPointer<UInt8>, _ a: ScalarAnalysis, allowBreaks: Bool) {
        writeIndicator(UInt8(ascii: "'"), needWhitespace: true, isWhitespace: false, isIndention: false)
        if !a.multiline && !a.hasSingleQuote && !mayFold(a, allowBreaks: allowBreaks) {
            writeRun(v, characters: a.characters)
        } else {
            writeFoldable(v, allowBreaks: allowBreaks, singleQuoted: true)
        }
        writeIndicator(UInt8(ascii: "'"), needWhitespace: false, isWhitespace: false, isIndention: false)
        whitespace = false
        indention = false
    }

    /// The character loop of yaml.v2's plain and single-quoted writers: a space past the width becomes a
    /// line break (not the first or last character when quoted, never before another space), line breaks
    /// are doubled, and `'` is doubled when quoted.
    private mutating func writeFoldable(_ v: UnsafeBufferPointer<UInt8>, allowBreaks: Bool, singleQuoted: Bool) {
        var spaces = false
        var breaks = false
        var i = 0
        while i < v.count {
            if v[i] == 0x20 {
                if allowBreaks && !spaces && column > Self.bestWidth && YAMLChars.at(v, i + 1) != 0x20
                    && (!singleQuoted || (i > 0 && i < v.count - 1))
                {
                    writeIndent()
                    i += 1
                } else {
                    writeCharacter(v, &i)
                }
                spaces = true
            } else if YAMLChars.isBreak(v, i) {
                if !breaks && v[i] == 0x0A { putBreak() }
                writeBreak(v, &i)
                indention = true
                breaks = true
            } else {
                if breaks { writeIndent() }
                if singleQuoted && v[i] == UInt8(ascii: "'") {
                    out.append(UInt8(ascii: "'"))
                    column += 1
                }
                writeCharacter(v, &i)
                indention = false
                spaces = false
                breaks = false
            }
        }
    }

    mutating func writeDoubleQuoted(_ v: UnsafeBufferPointer<UInt8>, _ a: ScalarAnalysis, allowBreaks: Bool) {
        writeIndicator(UInt8(ascii: "\""), needWhitespace: true, isWhitespace: false, isIndention: false)
        if !a.needsEscapes && !mayFold(a, allowBreaks: allowBreaks) {
            writeRun(v, characters: a.characters)
        } else {
            // yaml.v2 checks for a BOM at the start of the value, not at each character.
            let startsWithBOM = YAMLChars.isBOM(v, 0)
            var spaces = false
            var i = 0
            while i < v.count {
                let c = v[i]
                if startsWithBOM || c == 0x22 || c == 0x5C || !YAMLChars.isPrintable(v, i) || YAMLChars.isBreak(v, i) {
                    writeEscape(v, &i)
                    spaces = false
                } else if c == 0x20 {
                    if allowBreaks && !spaces && column > Self.bestWidth && i > 0 && i < v.count - 1 {
                        writeIndent()
                        if v[i + 1] == 0x20 {
                            out.append(0x5C)
                            column += 1
                        }
                        i += 1
                    } else {
                        writeCharacter(v, &i)
                    }
                    spaces = true
                } else {
                    writeCharacter(v, &i)
                    spaces = false
                }
            }
        }
        writeIndicator(UInt8(ascii: "\""), needWhitespace: false, isWhitespace: false, isIndention: false)
        whitespace = false
        indention = false
    }

    /// One character as a double-quoted escape (`\n`, `\x07`, `\u2029`, `\U0001F600` …).
    mutating func writeEscape(_ v: UnsafeBufferPointer<UInt8>, _ i: inout Int) {
        let first = v[i]
        var w = YAMLChars.width(first)
        var cp: UInt32
        switch w {
        case 2: cp = UInt32(first & 0x1F)
        case 3: cp = UInt32(first & 0x0F)
        case 4: cp = UInt32(first & 0x07)
        default: cp = UInt32(first & 0x7F)
        }
        w = min(w, v.count - i)
        var k = 1
        while k < w {
            cp = (cp << 6) + UInt32(v[i + k] & 0x3F)
            k += 1
        }
        i += w
        out.append(0x5C)
        column += 1
        let short: UInt8
        switch cp {
        case 0x00: short = UInt8(ascii: "0")
        case 0x07: short = UInt8(ascii: "a")
        case 0x08: short = UInt8(ascii: "b")
        case 0x09: short = UInt8(ascii: "t")
        case 0x0A: short = UInt8(ascii: "n")
        case 0x0B: short = UInt8(ascii: "v")
        case 0x0C: short = UInt8(ascii: "f")
        case 0x0D: short = UInt8(ascii: "r")
        case 0x1B: short = UInt8(ascii: "e")
        case 0x22: short = UInt8(ascii: "\"")
        case 0x5C: short = UInt8(ascii: "\\")
        case 0x85: short = UInt8(ascii: "N")
        case 0xA0: short = UInt8(ascii: "_")
        case 0x2028: short = UInt8(ascii: "L")
        case 0x2029: short = UInt8(ascii: "P")
        default:
            let digits: Int
            if cp <= 0xFF {
                out.append(UInt8(ascii: "x"))
                digits = 2
            } else if cp <= 0xFFFF {
                out.append(UInt8(ascii: "u"))
                digits = 4
            } else {
                out.append(UInt8(ascii: "U"))
                digits = 8
            }
            column += 1
            var shift = (digits - 1) * 4
            while shift >= 0 {
                let d = UInt8((cp >> UInt32(shift)) & 0x0F)
                out.append(d < 10 ? d + 48 : d + 55)
                column += 1
                shift -= 4
            }
            return
        }
        out.append(short)
        column += 1
    }

    mutating func writeLiteral(_ v: UnsafeBufferPointer<UInt8>) {
        writeIndicator(UInt8(ascii: "|"), needWhitespace: true, isWhitespace: false, isIndention: false)
        // yaml_emitter_write_block_scalar_hints
        if !v.isEmpty && (v[0] == 0x20 || YAMLChars.isBreak(v, 0)) {
            let hint = UInt8(ascii: "0") + UInt8(Self.bestIndent)
            writeIndicator(hint, needWhitespace: false, isWhitespace: false, isIndention: false)
        }
        var chomp: UInt8 = 0
        if v.isEmpty {
            chomp = UInt8(ascii: "-")
        } else {
            var j = v.count - 1
            while j > 0 && v[j] & 0xC0 == 0x80 { j -= 1 }
            if !YAMLChars.isBreak(v, j) {
                chomp = UInt8(ascii: "-")
            } else if j == 0 {
                chomp = UInt8(ascii: "+")
            } else {
                j -= 1
                while j > 0 && v[j] & 0xC0 == 0x80 { j -= 1 }
                if YAMLChars.isBreak(v, j) { chomp = UInt8(ascii: "+") }
            }
        }
        if chomp != 0 {
            writeIndicator(chomp, needWhitespace: false, isWhitespace: false, isIndention: false)
        }
        putBreak()
        indention = true
        whitespace = true
        var breaks = true
        var i = 0
        let n = v.count
        while i < n {
            if YAMLChars.isBreak(v, i) {
                writeBreak(v, &i)
                indention = true
                breaks = true
                continue
            }
            if breaks { writeIndent() }
            // Copy up to the next byte that may start a line break in one go.
            var j = i
            var characters = 0
            while j < n {
                let b = v[j]
                if b == 0x0A || b == 0x0D || b == 0xC2 || b == 0xE2 { break }
                if b & 0xC0 != 0x80 { characters += 1 }
                j += 1
            }
            if j > i {
                writeRun(UnsafeBufferPointer(rebasing: v[i..<j]), characters: characters)
                i = j
            } else {
                writeCharacter(v, &i)
            }
            indention = false
            breaks = false
        }
    }
}

/// A value to dump: a node of one side of the diff, or a small structure the changeset builds around nodes
/// (`{key => value}`, `[element]`, `[{'name' => value}]`). Not `indirect`: the nested cases hold arrays,
/// so a `.node` costs no heap box.
enum DumpValue {
    /// A node; `redactedLeaf` says a scalar here is shown as `<redacted>` (its container was redacted).
    case node(Int32, redactedLeaf: Bool)
    case text(String)
    case scalar(PsychScalar)
    case map([(key: DumpValue, value: DumpValue)])
    case list([DumpValue])
}

/// Writes values as `value.to_yaml(indent: 2)` does in the director (Psych's tree builder driving libyaml's
/// emitter: block style, 80-column folding, Psych's quoting), with the leading `---` removed and the text split
/// into lines as Ruby's `split("\n")` splits it.
struct PsychDumper {
    let document: DiffDocument
    let redact: Bool
    /// Whether printable ASCII scalars are written from their bytes (see `PsychDumper+ASCII.swift`); off only
    /// in tests that compare that path with the general one.
    let asciiBytePath: Bool
    var out: [UInt8] = []
    var column = 0
    var whitespace = true
    var indention = true
    var indent = -1
    var indents: [Int] = []
    private var openEnded = false
    /// Whether the scalar being written is ASCII (one byte per character), so runs are appended at once.
    private var asciiText = false
    private var anchors: [Int32: Int] = [:]
    private var emittedAnchors: Set<Int32> = []
    static let bestWidth = 80

    init(document: DiffDocument, redact: Bool, asciiBytePath: Bool = true) {
        self.document = document
        self.redact = redact
        self.asciiBytePath = asciiBytePath
    }

    /// The lines of `value` dumped at column 0; the output and indentation buffers are borrowed from `scratch`
    /// when given (one diff dumps hundreds of small values).
    static func lines(
        _ value: DumpValue, document: DiffDocument, redact: Bool, asciiBytePath: Bool = true, scratch: DumpScratch? = nil
    ) throws(DiffError) -> [String] {
        var dumper = PsychDumper(document: document, redact: redact, asciiBytePath: asciiBytePath)
        if let scratch {
            swap(&dumper.out, &scratch.out)
            swap(&dumper.indents, &scratch.indents)
        }
        defer {
            if let scratch {
                dumper.out.removeAll(keepingCapacity: true)
                dumper.indents.removeAll(keepingCapacity: true)
                swap(&dumper.out, &scratch.out)
                swap(&dumper.indents, &scratch.indents)
            }
        }
        dumper.numberAnchors(value)
        try dumper.emit(value, mappingContext: false)
        if dumper.openEnded { dumper.out.append(contentsOf: Array((dumper.column == 0 ? "..." : "\n...").utf8)) }
        var lines: [String] = []
        dumper.out.withUnsafeBufferPointer { b in
            var start = 0
            for i in 0..<b.count where b[i] == 10 {
                lines.append(String(decoding: UnsafeBufferPointer(rebasing: b[start..<i]), as: UTF8.self))
                start = i + 1
            }
            lines.append(String(decoding: UnsafeBufferPointer(rebasing: b[start...]), as: UTF8.self))
        }
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines
    }

    // MARK: - Anchors for collections shared through YAML aliases (Psych numbers them as it meets repeats)

    private mutating func numberAnchors(_ value: DumpValue) {
        var seen: Set<Int32> = []
        func visit(_ v: DumpValue) {
            switch v {
            case .text, .scalar: return
            case .map(let entries):
                for e in entries {
                    visit(e.key)
                    visit(e.value)
                }
            case .list(let items): items.forEach(visit)
            case .node(let ref, _):
                let kind = document.kind(ref)
                guard kind != .scalar else { return }
                if seen.contains(ref) {
                    if anchors[ref] == nil { anchors[ref] = anchors.count + 1 }
                    return
                }
                seen.insert(ref)
                let leaf = redact && document.isRedacted(ref)
                if kind == .mapping {
                    for i in 0..<document.count(ref) {
                        let (k, val) = document.entry(ref, i)
                        visit(.node(k, redactedLeaf: false))
                        visit(.node(val, redactedLeaf: leaf))
                    }
                } else {
                    for i in 0..<document.count(ref) { visit(.node(document.item(ref, i), redactedLeaf: leaf)) }
                }
            }
        }
        visit(value)
    }

    // MARK: - Nodes

    private mutating func emit(_ value: DumpValue, mappingContext: Bool) throws(DiffError) {
        switch value {
        case .text(let s):
            emitScalar(PsychScalarStyle.forString(s), simpleKey: false)
        case .scalar(let v):
            emitScalar(PsychScalarStyle.forScalar(v), simpleKey: false)
        case .map(let entries):
            try blockMapping(entries.count) { i in (entries[i].key, entries[i].value) }
        case .list(let items):
            try blockSequence(items.count, mappingContext: mappingContext) { i in items[i] }
        case .node(let ref, let redactedLeaf):
            let kind = document.kind(ref)
            if kind == .scalar {
                if !(redact && redactedLeaf) && emitASCIIStringNode(ref, simpleKey: false) { return }
                emitScalar(try document.outputStyle(ref, redactedLeaf: redact && redactedLeaf), simpleKey: false)
                return
            }
            if let n = anchors[ref] {
                if emittedAnchors.contains(ref) {
                    writeIndicator("*\(n)", needWhitespace: true, isWhitespace: false, isIndention: false)
                    return
                }
                emittedAnchors.insert(ref)
                writeIndicator("&\(n)", needWhitespace: true, isWhitespace: false, isIndention: false)
            }
            let leaf = redact && document.isRedacted(ref)
            let doc = document
            if kind == .mapping {
                try blockMapping(doc.count(ref)) { i in
                    let (k, v) = doc.entry(ref, i)
                    return (.node(k, redactedLeaf: false), .node(v, redactedLeaf: leaf))
                }
            } else {
                try blockSequence(doc.count(ref), mappingContext: mappingContext) { i in
                    .node(doc.item(ref, i), redactedLeaf: leaf)
                }
            }
        }
    }

    private mutating func blockMapping(
        _ count: Int, _ entry: (Int) -> (DumpValue, DumpValue)
    ) throws(DiffError) {
        if count == 0 {
            writeIndicator(UInt8(ascii: "{"), needWhitespace: true, isWhitespace: true, isIndention: false)
            writeIndicator(UInt8(ascii: "}"), needWhitespace: false, isWhitespace: false, isIndention: false)
            return
        }
        increaseIndent(flow: false, indentless: false)
        for i in 0..<count {
            let (key, value) = entry(i)
            writeIndent()
            if case .node(let k, _) = key, document.kind(k) == .scalar, emitASCIIStringNode(k, simpleKey: true) {
                writeIndicator(UInt8(ascii: ":"), needWhitespace: false, isWhitespace: false, isIndention: false)
                try emit(value, mappingContext: true)
                continue
            }
            let keyStyle = try scalarStyle(of: key)
            if let keyStyle, isSimpleKey(keyStyle) {
                emitScalar(keyStyle, simpleKey: true)
                writeIndicator(UInt8(ascii: ":"), needWhitespace: false, isWhitespace: false, isIndention: false)
            } else {
                // libyaml's explicit key: `? key` on its own, then `: value` on the next line.
                writeIndicator(UInt8(ascii: "?"), needWhitespace: true, isWhitespace: false, isIndention: true)
                if let keyStyle { emitScalar(keyStyle, simpleKey: false) } else { try emit(key, mappingContext: true) }
                writeIndent()
                writeIndicator(UInt8(ascii: ":"), needWhitespace: true, isWhitespace: false, isIndention: true)
            }
            try emit(value, mappingContext: true)
        }
        popIndent()
    }

    private mutating func blockSequence(
        _ count: Int, mappingContext: Bool, _ item: (Int) -> DumpValue
    ) throws(DiffError) {
        if count == 0 {
            writeIndicator(UInt8(ascii: "["), needWhitespace: true, isWhitespace: true, isIndention: false)
            writeIndicator(UInt8(ascii: "]"), needWhitespace: false, isWhitespace: false, isIndention: false)
            return
        }
        increaseIndent(flow: false, indentless: mappingContext && !indention)
        for i in 0..<count {
            let value = item(i)
            writeIndent()
            writeIndicator(UInt8(ascii: "-"), needWhitespace: true, isWhitespace: false, isIndention: true)
            try emit(value, mappingContext: false)
        }
        popIndent()
    }

    /// How a key scalar prints, or `nil` for a collection key.
    private func scalarStyle(of key: DumpValue) throws(DiffError) -> PsychScalarStyle? {
        switch key {
        case .text(let s): return PsychScalarStyle.forString(s)
        case .scalar(let v): return PsychScalarStyle.forScalar(v)
        case .node(let ref, _) where document.kind(ref) == .scalar: return try document.outputStyle(ref, redactedLeaf: false)
        default: return nil
        }
    }

    /// libyaml writes a key inline only when it is on one line and at most 128 bytes long.
    private func isSimpleKey(_ key: PsychScalarStyle) -> Bool {
        let utf8 = key.text.utf8
        guard utf8.count <= 128 else { return false }
        // Printable ASCII (the usual key) has no line break.
        if utf8.withContiguousStorageIfAvailable({ b in !b.contains { $0 < 0x20 || $0 >= 0x80 } }) == true { return true }
        // A line break in UTF-8: LF, CR, U+0085 (C2 85), U+2028 and U+2029 (E2 80 A8/A9).
        var previous: UInt8 = 0
        var beforePrevious: UInt8 = 0
        for b in utf8 {
            if b == 10 || b == 13 || (previous == 0xC2 && b == 0x85)
                || (beforePrevious == 0xE2 && previous == 0x80 && (b == 0xA8 || b == 0xA9))
            {
                return false
            }
            beforePrevious = previous
            previous = b
        }
        return true
    }

    // MARK: - Scalars

    private mutating func emitScalar(_ scalar: PsychScalarStyle, simpleKey: Bool) {
        var text = scalar.text
        // ASCII text is read in place, one byte per character; anything else as an array of Unicode scalars.
        let ascii = text.withUTF8 { b -> Bool in
            if asciiBytePath, let analysis = ScalarAnalysis(printableASCII: b),
                emitPrintableASCII(b, analysis, scalar.requested, quotedImplicit: scalar.quotedImplicit, simpleKey: simpleKey)
            {
                return true
            }
            guard b.allSatisfy({ $0 < 0x80 }) else { return false }
            asciiText = true
            let chars = b.lazy.map { Unicode.Scalar($0) }
            let analysis = asciiBytePath ? ScalarAnalysis(printableASCII: b) ?? ScalarAnalysis(chars) : ScalarAnalysis(chars)
            emitScalar(chars, analysis, scalar, simpleKey: simpleKey)
            return true
        }
        if !ascii {
            asciiText = false
            let chars = Array(text.unicodeScalars)
            emitScalar(chars, ScalarAnalysis(chars), scalar, simpleKey: simpleKey)
        }
    }

    private mutating func emitScalar<S: RandomAccessCollection<Unicode.Scalar>>(
        _ chars: S, _ analysis: ScalarAnalysis, _ scalar: PsychScalarStyle, simpleKey: Bool
    ) where S.Index == Int {
        var style = scalar.requested
        if simpleKey && analysis.multiline { style = .doubleQuoted }
        if style == .plain {
            if !analysis.blockPlainAllowed { style = .singleQuoted }
            if chars.isEmpty && simpleKey { style = .singleQuoted }
        }
        if style == .singleQuoted && !analysis.singleQuotedAllowed { style = .doubleQuoted }
        if style == .literal && (!analysis.blockAllowed || simpleKey) { style = .doubleQuoted }
        beginScalar(style, quotedImplicit: scalar.quotedImplicit)
        let allowBreaks = !simpleKey
        switch style {
        case .plain: writePlain(chars, allowBreaks: allowBreaks)
        case .singleQuoted: writeSingleQuoted(chars, allowBreaks: allowBreaks)
        case .doubleQuoted: writeDoubleQuoted(chars, allowBreaks: allowBreaks)
        case .literal: writeLiteral(chars)
        }
        popIndent()
    }

    private mutating func writePlain<S: RandomAccessCollection<Unicode.Scalar>>(_ s: S, allowBreaks: Bool) where S.Index == Int {
        if !whitespace && !s.isEmpty { put(UInt8(ascii: " ")) }
        writeFoldable(s, allowBreaks: allowBreaks, singleQuoted: false)
        whitespace = false
        indention = false
    }

    private mutating func writeSingleQuoted<S: RandomAccessCollection<Unicode.Scalar>>(_ s: S, allowBreaks: Bool)
        where S.Index == Int
    {
        writeIndicator(UInt8(ascii: "'"), needWhitespace: true, isWhitespace: false, isIndention: false)
        let breaks = writeFoldable(s, allowBreaks: allowBreaks, singleQuoted: true)
        if breaks { writeIndent() }
        writeIndicator(UInt8(ascii: "'"), needWhitespace: false, isWhitespace: false, isIndention: false)
        whitespace = false
        indention = false
    }

    /// The body of a plain or single-quoted scalar: folds at a single space past column 80 (never at the
    /// first or last character of a quoted one), doubles line breaks, doubles `'` when quoted. Returns
    /// whether it ended on a line break.
    @discardableResult
    private mutating func writeFoldable<S: RandomAccessCollection<Unicode.Scalar>>(
        _ s: S, allowBreaks: Bool, singleQuoted: Bool
    ) -> Bool where S.Index == Int {
        // ASCII without line breaks: the runs between spaces (and quotes to double) go out at once.
        if asciiText && !s.contains(where: ScalarAnalysis.isBreak) {
            let n = s.count
            var spaces = false
            var i = 0
            while i < n {
                if s[i] == " " {
                    let edge = singleQuoted && (i == 0 || i == n - 1)
                    if allowBreaks && !spaces && column > Self.bestWidth && !edge && !(i + 1 < n && s[i + 1] == " ") {
                        writeIndent()
                    } else {
                        write(" ")
                    }
                    spaces = true
                    i += 1
                    continue
                }
                var j = i
                while j < n && s[j] != " " && !(singleQuoted && s[j] == "'") { j += 1 }
                if j == i {
                    put(UInt8(ascii: "'"))
                    write("'")
                    j += 1
                } else {
                    writeASCII(s[i..<j])
                }
                indention = false
                spaces = false
                i = j
            }
            return false
        }
        var spaces = false
        var breaks = false
        for i in 0..<s.count {
            let c = s[i]
            if c == " " {
                let edge = singleQuoted && (i == 0 || i == s.count - 1)
                if allowBreaks && !spaces && column > Self.bestWidth && !edge && !(i + 1 < s.count && s[i + 1] == " ") {
                    writeIndent()
                } else {
                    write(c)
                }
                spaces = true
            } else if ScalarAnalysis.isBreak(c) {
                if !breaks && c == "\n" { putBreak() }
                writeBreak(c)
                indention = true
                breaks = true
            } else {
                if breaks { writeIndent() }
                if singleQuoted && c == "'" { put(UInt8(ascii: "'")) }
                write(c)
                indention = false
                spaces = false
                breaks = false
            }
        }
        return breaks
    }

    private mutating func writeDoubleQuoted<S: RandomAccessCollection<Unicode.Scalar>>(_ s: S, allowBreaks: Bool)
        where S.Index == Int
    {
        writeIndicator(UInt8(ascii: "\""), needWhitespace: true, isWhitespace: false, isIndention: false)
        // Printable ASCII without spaces, quotes or backslashes needs no escape and no fold.
        if asciiText && !s.contains(where: { $0.value <= 0x20 || $0.value == 0x7F || $0 == "\"" || $0 == "\\" }) {
            writeASCII(s)
        } else {
            writeDoubleQuotedBody(s, allowBreaks: allowBreaks)
        }
        writeIndicator(UInt8(ascii: "\""), needWhitespace: false, isWhitespace: false, isIndention: false)
        whitespace = false
        indention = false
    }

    mutating func writeDoubleQuotedBody<S: RandomAccessCollection<Unicode.Scalar>>(_ s: S, allowBreaks: Bool)
        where S.Index == Int
    {
        var spaces = false
        for i in 0..<s.count {
            let c = s[i]
            if !ScalarAnalysis.isPrintable(c) || c.value == 0xFEFF || ScalarAnalysis.isBreak(c) || c == "\"" || c == "\\" {
                put(UInt8(ascii: "\\"))
                put(Self.escape(c))
                spaces = false
            } else if c == " " {
                if allowBreaks && !spaces && column > Self.bestWidth && i != 0 && i != s.count - 1 {
                    writeIndent()
                    if i + 1 < s.count && s[i + 1] == " " { put(UInt8(ascii: "\\")) }
                } else {
                    write(c)
                }
                spaces = true
            } else {
                write(c)
                spaces = false
            }
        }
    }

    private static func escape(_ c: Unicode.Scalar) -> String {
        switch c.value {
        case 0x00: return "0"
        case 0x07: return "a"
        case 0x08: return "b"
        case 0x09: return "t"
        case 0x0A: return "n"
        case 0x0B: return "v"
        case 0x0C: return "f"
        case 0x0D: return "r"
        case 0x1B: return "e"
        case 0x22: return "\""
        case 0x5C: return "\\"
        case 0x85: return "N"
        case 0xA0: return "_"
        case 0x2028: return "L"
        case 0x2029: return "P"
        default:
            let (prefix, width) = c.value <= 0xFF ? ("x", 2) : c.value <= 0xFFFF ? ("u", 4) : ("U", 8)
            let hex = String(c.value, radix: 16, uppercase: true)
            return prefix + String(repeating: "0", count: max(0, width - hex.count)) + hex
        }
    }

    private mutating func writeLiteral<S: RandomAccessCollection<Unicode.Scalar>>(_ s: S) where S.Index == Int {
        writeIndicator(UInt8(ascii: "|"), needWhitespace: true, isWhitespace: false, isIndention: false)
        if let first = s.first, first == " " || ScalarAnalysis.isBreak(first) {
            writeIndicator(UInt8(ascii: "2"), needWhitespace: false, isWhitespace: false, isIndention: false)
        }
        openEnded = false
        var chomp: String? = nil
        if s.isEmpty || !ScalarAnalysis.isBreak(s[s.count - 1]) {
            chomp = "-"
        } else if s.count == 1 || ScalarAnalysis.isBreak(s[s.count - 2]) {
            chomp = "+"
            openEnded = true
        }
        if let chomp { writeIndicator(chomp, needWhitespace: false, isWhitespace: false, isIndention: false) }
        putBreak()
        indention = true
        whitespace = true
        var breaks = true
        for c in s {
            if ScalarAnalysis.isBreak(c) {
                writeBreak(c)
                indention = true
                breaks = true
            } else {
                if breaks { writeIndent() }
                write(c)
                indention = false
                breaks = false
            }
        }
    }

    // MARK: - Output primitives (libyaml's column and whitespace bookkeeping)

    /// Starts a scalar in `style`: the non-specific tag `!` when it is quoted but not implicitly (as libyaml's
    /// emitter writes it), then its indentation.
    mutating func beginScalar(_ style: PsychScalarStyle.Style, quotedImplicit: Bool) {
        if !quotedImplicit && style != .plain {
            if !whitespace { put(UInt8(ascii: " ")) }
            put(UInt8(ascii: "!"))
            whitespace = false
            indention = false
        }
        increaseIndent(flow: true, indentless: false)
    }

    mutating func increaseIndent(flow: Bool, indentless: Bool) {
        indents.append(indent)
        if indent < 0 {
            indent = flow ? 2 : 0
        } else if !indentless {
            indent += 2
        }
    }

    mutating func popIndent() { indent = indents.removeLast() }

    mutating func writeIndent() {
        let target = max(indent, 0)
        if !indention || column > target || (column == target && !whitespace) { putBreak() }
        while column < target { put(UInt8(ascii: " ")) }
        whitespace = true
        indention = true
    }

    mutating func writeIndicator(_ text: String, needWhitespace: Bool, isWhitespace: Bool, isIndention: Bool) {
        if needWhitespace && !whitespace { put(UInt8(ascii: " ")) }
        put(text)
        whitespace = isWhitespace
        indention = indention && isIndention
    }

    /// Writes a one-byte indicator, as the `String` form does.
    mutating func writeIndicator(_ byte: UInt8, needWhitespace: Bool, isWhitespace: Bool, isIndention: Bool) {
        if needWhitespace && !whitespace { put(32) }
        put(byte)
        whitespace = isWhitespace
        indention = indention && isIndention
    }

    /// Writes indicator text (always ASCII: one column per byte).
    mutating func put(_ text: String) {
        out.append(contentsOf: text.utf8)
        column += text.utf8.count
    }

    /// Writes one ASCII byte.
    mutating func put(_ byte: UInt8) {
        out.append(byte)
        column += 1
    }

    /// Writes ASCII characters (one column each) in one append.
    private mutating func writeASCII<S: RandomAccessCollection<Unicode.Scalar>>(_ s: S) {
        out.append(contentsOf: s.lazy.map { UInt8(truncatingIfNeeded: $0.value) })
        column += s.count
    }

    private mutating func write(_ c: Unicode.Scalar) {
        if c.isASCII {
            out.append(UInt8(c.value))
        } else {
            UTF8.encode(c) { out.append($0) }
        }
        column += 1
    }

    private mutating func putBreak() {
        out.append(10)
        column = 0
    }

    private mutating func writeBreak(_ c: Unicode.Scalar) {
        if c == "\n" {
            putBreak()
        } else {
            UTF8.encode(c) { out.append($0) }
            column = 0
        }
    }
}

@_spi(BoshKitInternals) import BoshYAML

/// One side of a diff: a parsed tree seen as the director sees its Ruby hash after loading. Values are
/// addressed by `Int32` references: tree nodes, or strings the director itself puts in (stringified release
/// versions). A few maps and lists are overridden the way the director rewrites them before diffing, and
/// redaction is a mark on the collections whose scalar children print as `<redacted>`.
final class DiffDocument {
    let tree: YAMLTree
    /// The tree's arrays, read directly on every step of the walk (no copy of the tree is made).
    let raw: YAMLTree.RawView
    let root: Int32
    private let nodeCount: Int32
    private var synthetic: [String] = []
    /// Per node: 1 = entries overridden, 2 = items overridden, 4 = redacted collection, 8 = redacted URL,
    /// 16 = `hashes` holds the node's shallow hash, 32 = ``equalsItself(_:)`` is known, 64 = and it holds.
    /// A raw buffer: read on every step of the walk, so it
    /// stays out of Swift's dynamic exclusivity checks.
    private let flags: UnsafeMutableBufferPointer<UInt8>
    /// Per node: its ``ValueComparison/shallowHash(_:_:)`` once computed (lists are hashed by de-duplication
    /// and by each array comparison, twice there).
    private let hashes: UnsafeMutableBufferPointer<Int>
    private var entryOverrides: [Int32: [(key: Int32, value: Int32)]] = [:]
    private var itemOverrides: [Int32: [Int32]] = [:]
    private var urlOverrides: [Int32: String] = [:]

    static let redactedText = "<redacted>"

    /// Wraps a parsed tree; an empty stream or a null document is the empty map (a first deploy).
    init(tree: YAMLTree) throws(DiffError) {
        var tree = tree
        if let r = tree.root, !(tree.kind(r) == .scalar && tree.style(r) == .plain && tree.text(r).isEmpty) {
            guard tree.kind(r) == .mapping else {
                let what = tree.kind(r) == .sequence ? "a list" : "a scalar"
                throw DiffError(
                    .notAMap, file: tree.file, mark: tree.mark(r), message: "the document is \(what), expected a map")
            }
        } else {
            let file = tree.file
            tree = (try? YAMLParser.parse("{}", file: file)) ?? tree
        }
        self.tree = tree
        raw = tree.rawView
        root = NodeIndex.ref(tree.root!)
        nodeCount = Int32(tree.nodeCount)
        flags = .allocate(capacity: max(tree.nodeCount, 1))
        flags.initialize(repeating: 0)
        hashes = .allocate(capacity: max(tree.nodeCount, 1))
    }

    deinit {
        flags.deallocate()
        hashes.deallocate()
    }

    /// The node's shallow hash if already computed.
    @inline(__always) func cachedHash(_ ref: Int32) -> Int? {
        isSynthetic(ref) || flags[Int(ref)] & 16 == 0 ? nil : hashes[Int(ref)]
    }

    @inline(__always) func storeHash(_ ref: Int32, _ hash: Int) {
        guard !isSynthetic(ref) else { return }
        hashes[Int(ref)] = hash
        flags[Int(ref)] |= 16
    }

    var file: String { tree.file }

    @inline(__always) func id(_ ref: Int32) -> YAMLTree.NodeID { NodeIndex.id(ref) }

    @inline(__always) func isSynthetic(_ ref: Int32) -> Bool { ref >= nodeCount }

    func addString(_ s: String) -> Int32 {
        synthetic.append(s)
        return nodeCount + Int32(synthetic.count - 1)
    }

    func mark(_ ref: Int32) -> SourceMark? { isSynthetic(ref) ? nil : tree.mark(id(ref)) }

    // MARK: - Structure

    @inline(__always) func kind(_ ref: Int32) -> YAMLNodeKind { isSynthetic(ref) ? .scalar : raw.kind(ref) }

    // The accessors below run on every step of every walk: the tree's own answer inline, the rare overridden
    // collection out of line.

    @inline(__always) func count(_ ref: Int32) -> Int {
        if isSynthetic(ref) { return 0 }
        if flags[Int(ref)] & 3 != 0 { return overriddenCount(ref) }
        return raw.count(ref)
    }

    @inline(never) private func overriddenCount(_ ref: Int32) -> Int {
        flags[Int(ref)] & 1 != 0 ? entryOverrides[ref]!.count : itemOverrides[ref]!.count
    }

    @inline(__always) func entry(_ ref: Int32, _ i: Int) -> (key: Int32, value: Int32) {
        if flags[Int(ref)] & 1 != 0 { return overriddenEntry(ref, i) }
        return (raw.child(ref, 2 * i), raw.child(ref, 2 * i + 1))
    }

    @inline(never) private func overriddenEntry(_ ref: Int32, _ i: Int) -> (key: Int32, value: Int32) {
        entryOverrides[ref]![i]
    }

    @inline(__always) func item(_ ref: Int32, _ i: Int) -> Int32 {
        if flags[Int(ref)] & 2 != 0 { return overriddenItem(ref, i) }
        return raw.child(ref, i)
    }

    @inline(never) private func overriddenItem(_ ref: Int32, _ i: Int) -> Int32 { itemOverrides[ref]![i] }

    /// Set when the diff starts (``seal()``). The diff caches shallow hashes and "equals itself" per subtree, and
    /// an override clears them on the overridden node only, so overrides (the director's rewrites) must all come
    /// before it.
    private(set) var isSealed = false

    /// Marks the start of the diff: no override after this.
    func seal() { isSealed = true }

    func overrideEntries(_ ref: Int32, _ entries: [(key: Int32, value: Int32)]) {
        precondition(!isSealed, "DiffDocument: overrides come before the diff")
        entryOverrides[ref] = entries
        flags[Int(ref)] = (flags[Int(ref)] | 1) & ~(16 | 32 | 64)
    }

    func overrideItems(_ ref: Int32, _ items: [Int32]) {
        precondition(!isSealed, "DiffDocument: overrides come before the diff")
        itemOverrides[ref] = items
        flags[Int(ref)] = (flags[Int(ref)] | 2) & ~(16 | 32 | 64)
    }

    // MARK: - Scalars

    /// The scalar as Psych loads it.
    func scalar(_ ref: Int32) throws(DiffError) -> PsychScalar {
        if isSynthetic(ref) { return .string(synthetic[Int(ref - nodeCount)]) }
        let node = id(ref)
        if isPlainUntagged(ref) && ValueComparison.isObviouslyString(self, ref) { return .string(tree.text(node)) }
        let text = tree.text(node)
        if !raw.hasTag(ref) { return raw.style(ref) == .plain ? try tokenize(text, node) : .string(text) }
        switch tree.tag(node) {
        case "!!str"?, "!!binary"?: return .string(text)
        case "!!null"?: return .null
        default:
            if tree.style(node) != .plain { return .string(text) }
        }
        return try tokenize(text, node)
    }

    private func tokenize(_ text: String, _ node: YAMLTree.NodeID) throws(DiffError) -> PsychScalar {
        do {
            return try PsychScalarScanner.tokenize(text)
        } catch {
            throw DiffError(.unloadable, file: tree.file, mark: tree.mark(node), message: error.message)
        }
    }

    /// A scalar's bytes when they load as exactly that string without running the scanner (quoted or block
    /// without a tag, or plain and obviously a string); `nil` otherwise, or for a synthetic string.
    @inline(__always) func stringBytes(_ ref: Int32) -> UnsafeBufferPointer<UInt8>? {
        guard !isSynthetic(ref), raw.kind(ref) == .scalar, !raw.hasTag(ref) else { return nil }
        // (An untagged scalar is plain exactly when the tree says plain and untagged: one read, no style enum.)
        guard !raw.isPlainUntagged(ref) || ValueComparison.isObviouslyString(self, ref) else { return nil }
        return raw.scalarBytes(ref)
    }

    /// Whether a scalar is written plainly without a tag (so equal bytes mean equal values).
    @inline(__always) func isPlainUntagged(_ ref: Int32) -> Bool { !isSynthetic(ref) && raw.isPlainUntagged(ref) }

    /// Whether a node has a tag (`!!str`, `!!int`, a custom one …), which decides its value over its spelling.
    @inline(__always) func hasTag(_ ref: Int32) -> Bool { !isSynthetic(ref) && raw.hasTag(ref) }

    /// The scalar's text as written (or the synthetic string).
    func rawText(_ ref: Int32) -> String {
        isSynthetic(ref) ? synthetic[Int(ref - nodeCount)] : tree.text(id(ref))
    }

    /// Whether a scalar is spelled `text` (compared as bytes, without making a string).
    func hasText(_ ref: Int32, _ text: inout String) -> Bool {
        if isSynthetic(ref) { return rawText(ref).utf8.elementsEqual(text.utf8) }
        let b = raw.scalarBytes(ref)
        return text.withUTF8 { ValueComparison.sameBytes(b, $0) }
    }

    /// Whether a value is Ruby's `nil` (a null scalar).
    func isNull(_ ref: Int32) throws(DiffError) -> Bool {
        guard kind(ref) == .scalar else { return false }
        if isPlainUntagged(ref) && raw.scalarBytes(ref).count > 4 { return false }
        return try scalar(ref) == .null
    }

    /// The bytes and requested style of a scalar that prints as the one-line printable ASCII string it loads
    /// as (what ``outputStyle(_:redactedLeaf:)`` gives it when not redacted), or `nil`.
    @inline(__always) func asciiStringStyle(_ ref: Int32) -> (UnsafeBufferPointer<UInt8>, PsychScalarStyle.Style)? {
        guard !isSynthetic(ref), flags[Int(ref)] & 8 == 0, let bytes = stringBytes(ref),
            let requested = PsychScalarStyle.asciiRequestedStyle(bytes)
        else { return nil }
        return (bytes, requested)
    }

    /// How a scalar prints in a diff line, `<redacted>` when its container is redacted.
    func outputStyle(_ ref: Int32, redactedLeaf: Bool) throws(DiffError) -> PsychScalarStyle {
        if redactedLeaf { return .redacted }
        if !isSynthetic(ref) {
            if flags[Int(ref)] & 8 != 0 { return .forString(urlOverrides[ref]!) }
            // Most values are ASCII strings: style them from their bytes.
            if let bytes = stringBytes(ref), let style = PsychScalarStyle.forASCIIString(bytes) { return style }
            // Plain `true`, `false` and decimal integers print as written.
            if isPlainUntagged(ref), Self.printsAsWritten(raw.scalarBytes(ref)) {
                return PsychScalarStyle(text: rawText(ref), requested: .plain, quotedImplicit: false)
            }
        }
        return .forScalar(try scalar(ref))
    }

    /// Whether a plain scalar loads as a value whose `to_s` is its own text: `true`, `false`, `0`, or a decimal
    /// integer without sign, leading zero or separator that fits in 64 bits.
    static func printsAsWritten(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = b.first else { return false }
        if first == UInt8(ascii: "t") || first == UInt8(ascii: "f") {
            return b.elementsEqual("true".utf8) || b.elementsEqual("false".utf8)
        }
        let digit = first >= UInt8(ascii: "1") && first <= UInt8(ascii: "9")
        guard b.count <= 18, digit || (first == UInt8(ascii: "0") && b.count == 1) else { return false }
        return !b.contains { $0 < UInt8(ascii: "0") || $0 > UInt8(ascii: "9") }
    }

    /// Whether the value at `ref` equals itself (``ValueComparison/equal(_:_:_:_:strict:)`` of the node with
    /// itself is true, loading nothing): no plain `.nan` scalar below it, which never equals itself, and no map
    /// with a collection key, which is looked up by loading the keys before it. Worked out once per collection
    /// (remembered in its flags), on first use; the tree has no cycles (the parser refuses recursive aliases).
    func equalsItself(_ ref: Int32) -> Bool {
        if isSynthetic(ref) { return true }
        switch raw.kind(ref) {
        case .scalar: return !(raw.isPlainUntagged(ref) && ValueComparison.isNaNSpelling(self, ref))
        case .mapping, .sequence:
            let known = flags[Int(ref)]
            if known & 32 != 0 { return known & 64 != 0 }
            let result = collectionEqualsItself(ref)
            flags[Int(ref)] |= result ? 32 | 64 : 32
            return result
        }
    }

    private func collectionEqualsItself(_ ref: Int32) -> Bool {
        let n = count(ref)
        if kind(ref) == .mapping {
            for i in 0..<n {
                let (k, v) = entry(ref, i)
                guard kind(k) == .scalar, equalsItself(k), equalsItself(v) else { return false }
            }
        } else {
            for i in 0..<n where !equalsItself(item(ref, i)) { return false }
        }
        return true
    }

    // MARK: - Redaction marks

    func isRedacted(_ ref: Int32) -> Bool { !isSynthetic(ref) && flags[Int(ref)] & 4 != 0 }

    func markRedacted(_ ref: Int32) { flags[Int(ref)] |= 4 }

    func redactURL(_ ref: Int32, as text: String) {
        urlOverrides[ref] = text
        flags[Int(ref)] |= 8
    }

    // MARK: - Lookup

    /// The value for `key` (a scalar of `keyDocument`) in map `ref`, compared as Ruby hash keys (`eql?`).
    func value(_ ref: Int32, forKey key: Int32, of keyDocument: DiffDocument) throws(DiffError) -> Int32? {
        let n = count(ref)
        let keyIsPlain = keyDocument.isPlainUntagged(key)
        if keyDocument.kind(key) == .scalar {
            for i in 0..<n {
                let (k, v) = entry(ref, i)
                if kind(k) == .scalar && ValueComparison.sameSpelling(self, k, keyDocument, key) {
                    if keyIsPlain && ValueComparison.isNaNSpelling(self, k) { continue }
                    return v
                }
            }
        }
        // Different spellings of one key (`'1'` vs `"1"`, `0x1` vs `1`): compare loaded values.
        let wanted = try ValueComparison.keyValue(keyDocument, key)
        for i in 0..<n {
            let k = entry(ref, i).key
            if try ValueComparison.keyValue(self, k) == wanted { return entry(ref, i).value }
        }
        return nil
    }

    /// The value for a string key (`'name'`, `'version'` …).
    func value(_ ref: Int32, forStringKey key: String) throws(DiffError) -> Int32? {
        guard kind(ref) == .mapping else { return nil }
        var key = key
        for i in 0..<count(ref) {
            let k = entry(ref, i).key
            guard kind(k) == .scalar, hasText(k, &key) else { continue }
            if stringBytes(k) != nil { return entry(ref, i).value }  // spelled `key` and loads as that string
            if case .string(key) = try scalar(k) { return entry(ref, i).value }
        }
        return nil
    }
}

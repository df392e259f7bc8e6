import CLibYAML

/// Drives libyaml's event loop and appends nodes to a flat ``YAMLTree``.
///
/// While it runs, the nodes, scalar bytes, child ids and the stack of open collections live in ``ScratchBuffer``s
/// (an append checks capacity only); the first three write straight into the tree's arrays
/// (``buildTree(_:file:)``).
struct TreeBuilder: ~Copyable {
    let file: String
    var nodes: ScratchBuffer<RawNode>
    var childIDs: ScratchBuffer<Int32>
    var bytes: ScratchBuffer<UInt8>
    var customTags: [Int32: String] = [:]
    var documents: [YAMLTree.NodeID] = []
    /// The children of the open collections, innermost last (two per mapping entry).
    var pending: ScratchBuffer<Int32>
    /// The decode weight (how many nodes yaml.v2 visits decoding it, aliases expanded) of each anchored
    /// collection; an anchored scalar weighs 1.
    var anchorWeights: [Int32: Int64] = [:]
    /// The running yaml.v2 alias counters of the current document.
    var aliasBudget = AliasBudget()
    /// The open collections, innermost last.
    var frames: ScratchBuffer<Frame>
    private var anchors: [String: Int32] = [:]

    struct Frame {
        var node: Int32
        var pendingStart: Int
        var isMapping: Bool
        /// A sequence that is the value of a merge key (yaml.v2 decodes its items, not the sequence itself).
        var isMergeValue = false
        /// Whether it has an anchor (its weight is kept for its aliases).
        var isAnchored = false
        /// What its entries that do not weigh exactly 1 add to its decode weight (kept once the document has an
        /// anchor): aliases, collections, merge keys. Entries weighing 1 (most scalars) are counted at its end.
        var otherWeight: Int64 = 0
        /// How many of its entries are counted in `otherWeight`.
        var otherCount = 0
        /// A mapping with a merge key `<<` among its keys (only those have their keys searched for one at the end).
        var hasMergeKey = false
    }

    /// Capacities for a text of `size` bytes: about one node and one child id per 12 bytes of manifest text,
    /// three bytes of scalar per four of text (cf-deployment: 0.69; reserving half made the byte array grow once,
    /// copying what it had).
    static func capacities(forTextOf size: Int) -> (nodes: Int, childIDs: Int, bytes: Int) {
        (size / 12 + 16, size / 12 + 16, size / 4 * 3 + 16)
    }

    /// A builder writing nodes, child ids and scalar bytes into the given buffers.
    init(
        file: String, nodes: consuming ScratchBuffer<RawNode>, childIDs: consuming ScratchBuffer<Int32>,
        bytes: consuming ScratchBuffer<UInt8>
    ) {
        self.file = file
        self.nodes = nodes
        self.childIDs = childIDs
        self.bytes = bytes
        pending = ScratchBuffer(capacity: 256)
        frames = ScratchBuffer(capacity: 32)
    }

    mutating func run(_ input: UnsafeBufferPointer<UInt8>) throws {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else {
            throw YAMLError(.syntax, file: file, mark: nil, message: "cannot initialise libyaml")
        }
        defer { yaml_parser_delete(&parser) }
        if let base = input.baseAddress {
            yaml_parser_set_input_string(&parser, base, input.count)
        } else {
            var empty: UInt8 = 0
            yaml_parser_set_input_string(&parser, &empty, 0)
        }
        var event = yaml_event_t()
        while true {
            guard yaml_parser_parse(&parser, &event) == 1 else {
                throw LibYAMLDiagnostics.parserError(&parser, file: file, input: input)
            }
            defer { yaml_event_delete(&event) }
            let type = event.type
            // Scalars, two events in three, take the short way: inline, the rare parts out of line.
            if type == YAML_SCALAR_EVENT {
                try handleScalar(&event)
            } else {
                if type == YAML_STREAM_END_EVENT { break }
                try handle(&event, type)
            }
        }
    }

    @inline(__always) private mutating func handleScalar(_ event: inout yaml_event_t) throws {
        // Every count, position and length below is at most the input's size, which `buildTree` holds under
        // `YAMLParser.maximumInputSize`: they convert to 32 bits without checks.
        let length = Int(truncatingIfNeeded: event.data.scalar.length)
        let id = appendScalar(&event, length: length)
        let anchor = event.data.scalar.anchor
        if let anchor { recordAnchor(anchor, id) }
        // A merge key is not decoded by itself (its value is merged): it weighs nothing.
        if length == 2 && isAtMappingKey && isMergeKey(id) {
            frames.base[frames.count &- 1].hasMergeKey = true
            try attach(id, weight: 0)
        } else {
            try countDecode(1, aliased: 0, at: event.start_mark)
            try attach(id, weight: 1)
        }
    }

    /// Remembers an anchor's node for its aliases (from here on, collections' decode weights are kept).
    @inline(never) private mutating func recordAnchor(_ name: UnsafeMutablePointer<yaml_char_t>, _ id: Int32) {
        anchors[String(cString: name)] = id
        aliasBudget.isTracking = true
    }

    @inline(never) private mutating func handle(_ event: inout yaml_event_t, _ type: yaml_event_type_t) throws {
        switch type {
        case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
            let isMapping = type == YAML_MAPPING_START_EVENT
            guard frames.count < YAMLParser.maximumDepth else {
                throw YAMLError(
                    .tooDeep, file: file, mark: Self.mark(event.start_mark),
                    message: "nesting deeper than \(YAMLParser.maximumDepth) levels")
            }
            let anchor = isMapping ? event.data.mapping_start.anchor : event.data.sequence_start.anchor
            let tagPointer = isMapping ? event.data.mapping_start.tag : event.data.sequence_start.tag
            let flow =
                isMapping
                ? event.data.mapping_start.style == YAML_FLOW_MAPPING_STYLE
                : event.data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE
            let id = Int32(truncatingIfNeeded: nodes.count)
            let isMergeValue = !isMapping && isAtMergeValue
            if !isMergeValue { try countDecode(1, aliased: 0, at: event.start_mark) }
            nodes.append(
                RawNode(
                    kind: isMapping ? .mapping : .sequence, style: flow ? YAMLStyle.flow.rawValue : YAMLStyle.block.rawValue,
                    resolved: .string, tag: .none, line: UInt32(truncatingIfNeeded: event.start_mark.line &+ 1),
                    column: UInt32(truncatingIfNeeded: event.start_mark.column &+ 1), start: 0, count: 0))
            if let tagPointer { setTag(tagPointer, on: id) }
            if let anchor { recordAnchor(anchor, id) }
            try attach(id, weight: 0)  // its weight is added when it ends
            frames.append(
                Frame(
                    node: id, pendingStart: pending.count, isMapping: isMapping, isMergeValue: isMergeValue,
                    isAnchored: anchor != nil))
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            // The closed frame's fields are read where they are, without copying the frame.
            let frame = frames.base + (frames.count &- 1)
            frames.removeLast(1)  // its memory stays as it is until the next collection starts
            let node = frame.pointee.node
            let pendingStart = frame.pointee.pendingStart
            if frame.pointee.isMapping {
                try finishMapping(node, pendingStart: pendingStart, mayHaveMergeKey: frame.pointee.hasMergeKey)
            } else {
                let start = childIDs.count
                let length = pending.count &- pendingStart
                childIDs.append(pending.base + pendingStart, length: length)
                nodes.base[Int(node)].start = UInt32(truncatingIfNeeded: start)
                nodes.base[Int(node)].count = UInt32(truncatingIfNeeded: length)
            }
            if aliasBudget.isTracking { finishWeight(of: frame.pointee, entries: pending.count &- pendingStart) }
            pending.removeLast(pending.count &- pendingStart)
        case YAML_ALIAS_EVENT:
            let name = String(cString: event.data.alias.anchor)
            guard let target = anchors[name] else {
                throw YAMLError(
                    .unknownAlias, file: file, mark: Self.mark(event.start_mark),
                    message: "unknown anchor '\(name)' referenced (an alias must come after its anchor '&\(name)')")
            }
            if frames.elements.contains(where: { $0.node == target }) {
                throw YAMLError(
                    .recursiveAlias, file: file, mark: Self.mark(event.start_mark),
                    message: "anchor '\(name)' value contains itself")
            }
            // yaml.v2 decodes the alias node, then its anchor's whole value again, every node of it counted as
            // coming from an alias.
            if isAtMappingKey && isMergeKey(target) { frames.base[frames.count - 1].hasMergeKey = true }
            let expanded = nodes[Int(target)].kind == .scalar ? 1 : anchorWeights[target] ?? 1
            try countDecode(1, aliased: 0, at: event.start_mark)
            try countDecode(expanded, aliased: expanded, at: event.start_mark)
            try attach(target, weight: AliasBudget.add(1, expanded))
        case YAML_DOCUMENT_END_EVENT, YAML_DOCUMENT_START_EVENT, YAML_STREAM_START_EVENT:
            if type == YAML_DOCUMENT_START_EVENT {
                anchors.removeAll(keepingCapacity: true)
                aliasBudget = AliasBudget()
                try countDecode(1, aliased: 0, at: event.start_mark)  // the document node
            }
        default:
            break
        }
    }

    /// Adds a node to the open collection (with what it adds to the collection's decode weight), or makes it a
    /// document root.
    @inline(__always) private mutating func attach(_ id: Int32, weight: Int64) throws {
        if frames.isEmpty {
            documents.append(YAMLTree.NodeID(id))
        } else {
            if weight != 1 && aliasBudget.isTracking {
                let last = frames.base + (frames.count - 1)
                last.pointee.otherWeight = AliasBudget.add(last.pointee.otherWeight, weight)
                last.pointee.otherCount += 1
            }
            pending.append(id)
        }
    }

    /// Adds the scalar of a scalar event, reading the event's fields one by one (copying the whole event libyaml
    /// has just written stalled on its stores).
    @inline(__always) private mutating func appendScalar(_ event: inout yaml_event_t, length: Int) -> Int32 {
        let value = event.data.scalar.value
        let scalarStyle = event.data.scalar.style.rawValue
        let tag = event.data.scalar.tag
        let id = Int32(truncatingIfNeeded: nodes.count)
        let start = bytes.count
        if length > 0, let value { bytes.appendBytes(value, length: length) }
        // libyaml numbers its scalar styles as YAMLStyle does (any, plain, single-quoted, double-quoted, literal,
        // folded: 0 to 5).
        let style = scalarStyle <= 5 ? UInt8(truncatingIfNeeded: scalarStyle) : YAMLStyle.any.rawValue
        var resolved = ScalarKind.string
        if style == YAMLStyle.plain.rawValue && tag == nil {
            resolved = ScalarResolver.kind(ofPlain: UnsafeBufferPointer(start: value, count: length))
        }
        nodes.append(
            RawNode(
                kind: .scalar, style: style, resolved: resolved, tag: .none,
                line: UInt32(truncatingIfNeeded: event.start_mark.line &+ 1),
                column: UInt32(truncatingIfNeeded: event.start_mark.column &+ 1),
                start: UInt32(truncatingIfNeeded: start), count: UInt32(truncatingIfNeeded: length)))
        if let tag { setTag(tag, on: id) }
        return id
    }

    /// Records a tag and re-types a tagged scalar as yaml.v2 does.
    @inline(never) private mutating func setTag(_ pointer: UnsafeMutablePointer<yaml_char_t>, on id: Int32) {
        let text = String(cString: pointer)
        let tag = StandardTag(longForm: text)
        nodes[Int(id)].tag = tag
        if tag == .custom { customTags[id] = text }
        let node = nodes[Int(id)]
        guard node.kind == .scalar else { return }
        let plainKind = ScalarResolver.kind(ofPlain: UnsafeBufferPointer(start: bytes.base + Int(node.start), count: Int(node.count)))
        switch tag {
        case .int where plainKind == .int || plainKind == .uint: nodes[Int(id)].resolved = plainKind
        case .float where plainKind == .int || plainKind == .float || plainKind == .uint:
            nodes[Int(id)].resolved = .float
        case .bool where plainKind == .bool: nodes[Int(id)].resolved = .bool
        case .null where plainKind == .null: nodes[Int(id)].resolved = .null
        default: nodes[Int(id)].resolved = .string
        }
    }

    static func mark(_ m: yaml_mark_t) -> SourceMark {
        SourceMark(line: Int(m.line) + 1, column: Int(m.column) + 1)
    }
}

extension StandardTag {
    init(longForm text: String) {
        switch text {
        case "tag:yaml.org,2002:str": self = .str
        case "tag:yaml.org,2002:int": self = .int
        case "tag:yaml.org,2002:float": self = .float
        case "tag:yaml.org,2002:bool": self = .bool
        case "tag:yaml.org,2002:null": self = .null
        case "tag:yaml.org,2002:binary": self = .binary
        case "tag:yaml.org,2002:map": self = .map
        case "tag:yaml.org,2002:seq": self = .seq
        case "tag:yaml.org,2002:timestamp": self = .timestamp
        case "tag:yaml.org,2002:merge": self = .merge
        default: self = .custom
        }
    }
}

extension JobSpec {
    /// The properties a template of this job sees, bound as the director binds them: the job's own
    /// `properties:` in the instance group when it has that key (replacing everything else), otherwise the
    /// deployment's global `properties:` with the instance group's merged over them (hashes merged
    /// recursively); then, for each property the spec declares, the value at its dotted name or else the spec
    /// default, with hash keys sorted (the director sorts them, so `to_json` output is stable).
    /// - Parameters:
    ///   - global: the manifest's top-level `properties:`, if any.
    ///   - instanceGroup: the instance group's `properties:`, if any.
    ///   - job: the job entry's `properties:`, if the entry has that key.
    /// - Throws: ``RenderError/Kind/invalidPropertyType`` when a value sits where a dotted name needs a hash
    ///   (`Property 'a.b' expects a hash, but received 'String'`).
    public func bindProperties(
        global: RenderValue? = nil, instanceGroup: RenderValue? = nil, job: RenderValue? = nil
    ) throws(RenderError) -> RenderValue {
        try Self.bindProperties(properties, global: global, instanceGroup: instanceGroup, job: job, jobName: name)
    }

    /// ``bindProperties(global:instanceGroup:job:)`` for the given property definitions only (a subset of a
    /// job's spec, such as the properties a `provides:` entry exposes), in their order.
    /// - Parameter jobName: the job named in errors.
    public static func bindProperties(
        _ properties: [PropertyDefinition], global: RenderValue? = nil, instanceGroup: RenderValue? = nil,
        job: RenderValue? = nil, jobName: String?
    ) throws(RenderError) -> RenderValue {
        let source = job ?? Self.merge(global ?? [:], instanceGroup ?? [:])
        var bound: RenderValue = [:]
        for property in properties {
            let path = property.path
            var current: RenderValue? = source
            for key in path {
                guard let node = current else { break }
                guard case .object = node else {
                    throw RenderError(
                        .invalidPropertyType,
                        "Property '\(property.name)' expects a hash, but received '\(node.rubyClassName)'",
                        job: jobName)
                }
                current = node[key].flatMap { value in value.isNull ? Optional<RenderValue>.none : value }
            }
            let value = current ?? property.defaultValue.map(RenderValue.jobSpecValue) ?? .null
            Self.set(path[...], try Self.sorted(value, jobName: jobName), in: &bound)
        }
        return bound
    }

    /// Ruby's `recursive_merge`: hashes merge key by key, anything else is replaced.
    static func merge(_ base: RenderValue, _ over: RenderValue) -> RenderValue {
        guard case .object(var entries) = base, case .object(let overEntries) = over else { return over }
        for (key, value) in overEntries {
            if let index = entries.firstIndex(where: { $0.0 == key }) {
                entries[index].1 = merge(entries[index].1, value)
            } else {
                entries.append((key, value))
            }
        }
        return .object(entries)
    }

    /// Hash keys sorted at every level of nested hashes (not inside arrays), as Ruby's `sort` does: strings
    /// byte-wise, numbers by value. Keys Ruby cannot compare (a string and `true`, say) fail as the director's
    /// `sort` does: `comparison of Array with Array failed`.
    static func sorted(_ value: RenderValue, jobName: String?) throws(RenderError) -> RenderValue {
        guard case .object(let entries) = value else { return value }
        var children: [(key: RubyKey, entry: (String, RenderValue))] = []
        for (key, child) in entries { children.append((RubyKey(key), (key, try sorted(child, jobName: jobName)))) }
        let kinds = Set(children.map(\.key.kind))
        if children.count > 1, kinds.count > 1 || kinds.contains(.bool) || kinds.contains(.none) {
            throw RenderError(.invalidPropertyType, "comparison of Array with Array failed", job: jobName)
        }
        return .object(children.sorted { $0.key < $1.key }.map(\.entry))
    }

    /// A hash key as Ruby compares it.
    private struct RubyKey: Comparable {
        enum Kind { case string, number, bool, none }
        let kind: Kind
        let text: String
        let number: Double

        init(_ key: String) {
            guard key.first == RenderValue.typedKeyMarker, let colon = key.firstIndex(of: ":") else {
                (kind, text, number) = (.string, key, 0)
                return
            }
            let type = key[key.index(after: key.startIndex)..<colon]
            let rest = String(key[key.index(after: colon)...])
            switch type {
            case "int", "float": (kind, text, number) = (.number, rest, Double(rest) ?? 0)
            case "bool": (kind, text, number) = (.bool, rest, 0)
            default: (kind, text, number) = (.none, rest, 0)
            }
        }

        static func < (a: RubyKey, b: RubyKey) -> Bool {
            a.kind == .number ? a.number < b.number : Array(a.text.utf8).lexicographicallyPrecedes(b.text.utf8)
        }
    }

    private static func set(_ path: ArraySlice<String>, _ value: RenderValue, in tree: inout RenderValue) {
        guard let key = path.first else { return }
        var entries: [(String, RenderValue)] = []
        if case .object(let existing) = tree { entries = existing }
        let index = entries.firstIndex { $0.0 == key }
        if path.count == 1 {
            if let index { entries[index].1 = value } else { entries.append((key, value)) }
        } else {
            var child: RenderValue = index.map { entries[$0].1 } ?? [:]
            if case .object = child {} else { child = [:] }
            set(path.dropFirst(), value, in: &child)
            if let index { entries[index].1 = child } else { entries.append((key, child)) }
        }
        tree = .object(entries)
    }
}

import BoshYAML

/// Replaces `((variables))` in a document as `bosh int` does, generating missing values into the vars store.
///
/// A whole-value reference keeps the variable's type (a map stays a map); a reference inside a string
/// must be a string or an integer; `((name.key.sub))` reaches into a map value; keys are interpolated too.
/// Typed entries of the document's `variables:` are looked up (and generated) first, a certificate's CA
/// before the certificate whatever their order.
public struct Interpolator {
    /// What to insist on.
    public struct Options: Sendable {
        /// `--var-errs`: every variable must be found.
        public var expectAllKeys = false
        /// `--var-errs-unused`: every given variable must be used.
        public var expectAllVarsUsed = false
        /// Creates options.
        public init(expectAllKeys: Bool = false, expectAllVarsUsed: Bool = false) {
            self.expectAllKeys = expectAllKeys
            self.expectAllVarsUsed = expectAllVarsUsed
        }
    }

    /// The interpolated document and what was noticed on the way.
    public struct Result: Sendable {
        /// The document (its root is the interpolated root).
        public var tree: YAMLTree
        /// Variables that were not found, sorted.
        public var missing: [String]
        /// Notes for the user (e.g. stored values whose options changed).
        public var warnings: [String]
        /// The sources, with the store holding any generated values (already saved when it changed).
        public var sources: VariableSources
    }

    /// Interpolates the first document of `tree`; saves the store when values were generated and everything
    /// succeeded (nothing is written on failure).
    public static func interpolate(_ tree: YAMLTree, sources: VariableSources, options: Options = Options()) throws -> Result {
        var engine = InterpolationEngine(tree: tree, sources: sources)
        let root = tree.root ?? engine.out.addNull()
        try engine.extractDefinitions(root)
        let newRoot = try engine.interpolate(root, scope: engine.topScope)
        var out = engine.out
        out.setRoot(newRoot)
        let missing = engine.topScope.missing.sorted()
        var errors: [String] = []
        if options.expectAllKeys && !missing.isEmpty {
            errors.append("Expected to find variables: " + missing.joined(separator: "\n"))
        }
        if options.expectAllVarsUsed {
            let unused = engine.statics.keys.filter { !engine.used.contains($0) }.sorted()
            if !unused.isEmpty { errors.append("Expected to use variables: " + unused.joined(separator: "\n")) }
        }
        if !errors.isEmpty { throw VariablesError(errors.joined(separator: "\n")) }
        if let store = engine.sources.store, store.isModified { try store.save() }
        return Result(tree: out, missing: missing, warnings: engine.warnings, sources: engine.sources)
    }
}

/// The mutable state of one interpolation.
struct InterpolationEngine {
    struct Definition {
        var name: String
        var type: String
        var options: YAMLNode?
    }

    /// Missing names found while interpolating something (the document, or one definition's options).
    final class Scope {
        var missing: Set<String> = []
        let visited: Set<String>
        init(visited: Set<String>) { self.visited = visited }
    }

    var out: YAMLTree
    var sources: VariableSources
    let statics: [String: YAMLNode]
    var definitions: [String: Definition] = [:]
    var order: [String] = []
    var used: Set<String> = []
    var warnings: [String] = []
    let topScope = Scope(visited: [])
    /// Values already resolved (so a CA is generated once and its certificate reused).
    var resolvedValues: [String: YAMLNode] = [:]
    /// RSA keys made at once for the typed variables the store lacks (nil when there are fewer than two).
    var keys: RSAKeyPool?

    init(tree: YAMLTree, sources: VariableSources) {
        out = tree
        self.sources = sources
        statics = sources.staticValues
    }

    mutating func extractDefinitions(_ root: YAMLTree.NodeID) throws {
        guard let list = out.value(root, forKey: "variables"), out.kind(list) == .sequence else { return }
        for item in out.items(list) where out.kind(item) == .mapping {
            guard let nameID = out.value(item, forKey: "name"), out.kind(nameID) == .scalar else { continue }
            let name = out.canonicalText(nameID)
            let type = out.value(item, forKey: "type").map { out.canonicalText($0) } ?? ""
            let options = out.value(item, forKey: "options").map { YAMLNode(tree: out, id: $0) }
            if definitions[name] == nil { order.append(name) }
            definitions[name] = Definition(name: name, type: type, options: options)
        }
        if let store = sources.store {
            keys = try RSAKeyPool.ahead(for: order.compactMap { name in
                guard let d = definitions[name], !d.type.isEmpty, statics[name] == nil, store[name] == nil else { return nil }
                return (d.type, d.options)
            })
        }
        for name in order where !(definitions[name]?.type.isEmpty ?? true) {
            do {
                _ = try get(name, scope: topScope)
            } catch let e as VariablesError {
                throw VariablesError("Getting all variables from variable definitions sections: \(e.message)")
            }
        }
    }

    /// The value of `name` given by `-v`/`-l` (`statics`) or the vars store, remembered as resolved.
    private mutating func given(_ name: String, definition: Definition, options: YAMLNode?) -> YAMLNode? {
        if let value = statics[name] {
            used.insert(name)
            resolvedValues[name] = value
            return value
        }
        if let value = sources.store?[name] {
            noteChangedOptions(definition, options: options, stored: value)
            resolvedValues[name] = value
            return value
        }
        return nil
    }

    /// The value of a variable (first segment of a reference), generating it into the store if it is defined
    /// with a type and a store is in use. `nil` when not found (recorded as missing in `scope`).
    mutating func get(_ name: String, scope: Scope) throws -> YAMLNode? {
        if scope.visited.contains(name) { throw VariablesError("Detected recursion") }
        if let done = resolvedValues[name] { return done }
        let definition = definitions[name] ?? Definition(name: name, type: "", options: nil)
        // Only definitions with options or a type need the inner scope: a plain missing reference (most of a
        // manifest interpolated without variables) allocates nothing.
        if definition.options == nil && (definition.type.isEmpty || sources.store == nil) {
            if let value = given(name, definition: definition, options: nil) { return value }
            scope.missing.insert(name)
            return nil
        }
        let inner = Scope(visited: scope.visited.union([name]))
        var options: YAMLNode?
        if let raw = definition.options {
            do {
                let id = try interpolate(raw.id, scope: inner)
                options = YAMLNode(tree: out, id: id)
            } catch let e as VariablesError {
                throw VariablesError("Interpolating variable '\(name)' definition options: \(e.message)")
            }
            if !inner.missing.isEmpty {
                scope.missing.formUnion(inner.missing)
                return nil
            }
        }
        if let value = given(name, definition: definition, options: options) { return value }
        guard sources.store != nil, !definition.type.isEmpty else {
            scope.missing.insert(name)
            return nil
        }
        let value: YAMLNode
        do {
            let parsed = try CertificateOptions(options)
            var engine = self
            value = try VariableGenerator.generate(type: definition.type, options: parsed, keys: keys) { caName in
                guard let ca = try engine.get(caName, scope: inner), ca.kind == .mapping,
                    let certPEM = ca["certificate"]?.string, let keyPEM = ca["private_key"]?.string
                else { throw GenerationError("Loading certificates: Expected to find variable '\(caName)' with a certificate") }
                return (try X509Certificate.fromPEM(certPEM), try OpenSSLKey.fromPEM(keyPEM))
            }
            // Keep what the CA lookup generated.
            out = engine.out
            sources = engine.sources
            resolvedValues = engine.resolvedValues
            warnings = engine.warnings
            used = engine.used
        } catch let e as VariablesError {
            throw e
        } catch {
            throw VariablesError("Generating variable '\(name)': \(error)")
        }
        sources.store?.set(name, value)
        resolvedValues[name] = value
        return value
    }

    /// Warns when a stored value no longer matches its definition's options (bosh-cli keeps it silently).
    mutating func noteChangedOptions(_ definition: Definition, options: YAMLNode?, stored: YAMLNode) {
        guard let parsed = try? CertificateOptions(options) else { return }
        var changed: [String] = []
        switch definition.type {
        case "certificate":
            guard let pem = stored["certificate"]?.string, let cert = try? X509Certificate.fromPEM(pem) else { return }
            if (parsed.commonName ?? "") != (cert.commonName ?? "") { changed.append("common_name") }
            if Set(parsed.alternativeNames.map(Self.normalizedSAN)) != Set(cert.alternativeNames.map(Self.normalizedSAN)) {
                changed.append("alternative_names")
            }
            if parsed.isCA != cert.isCA { changed.append("is_ca") }
            let days = (parsed.duration ?? 0) > 0 ? parsed.duration! : 365
            if abs(cert.validityDays - days) > 1 { changed.append("duration") }
        case "password":
            if let length = parsed.length, length > 10, let s = stored.string, s.count != length { changed.append("length") }
        default:
            return
        }
        guard !changed.isEmpty else { return }
        warnings.append(
            "variable '\(definition.name)': options changed since it was generated (\(changed.joined(separator: ", "))); "
                + "keeping the stored value (remove it from the vars store to regenerate)")
    }

    static func normalizedSAN(_ s: String) -> String {
        IPAddressText.parse(s).map(IPAddressText.format) ?? s
    }

    /// Interpolates a node of the output tree (which only ever grows, so ids of earlier versions stay valid);
    /// returns the node's replacement, or the same id when nothing changed.
    mutating func interpolate(_ id: YAMLTree.NodeID, scope: Scope) throws -> YAMLTree.NodeID {
        switch out.kind(id) {
        case .scalar:
            guard out.scalarKind(id) == .string, out.withScalarBytes(id, Self.containsOpenParens) else { return id }
            do {
                return try interpolateString(out.text(id), original: id, scope: scope)
            } catch let e as VariablesError where out.mark(id).line > 0 && !e.message.hasPrefix(out.file) {
                throw VariablesError("\(out.file):\(out.mark(id)): \(e.message)")
            }
        // Children are read by position, not through a view held across the loop: a view keeps the tree's
        // storage shared, so every node added below it copied the whole tree. The new child list is only made
        // once a child changed.
        case .sequence:
            var items: [YAMLTree.NodeID]?
            for k in 0..<out.count(id) {
                let item = out.items(id)[k]
                let new = try interpolate(item, scope: scope)
                if items == nil && new != item { items = Array(out.items(id).prefix(k)) }
                items?.append(new)
            }
            guard let items else { return id }
            return out.addSequence(items, style: out.style(id), mark: out.mark(id))
        case .mapping:
            var entries: [(key: YAMLTree.NodeID, value: YAMLTree.NodeID)]?
            for k in 0..<out.count(id) {
                let (key, value) = out.entries(id)[k]
                let newValue = try interpolate(value, scope: scope)
                let newKey = try interpolate(key, scope: scope)
                if entries == nil && (newKey != key || newValue != value) { entries = Array(out.entries(id).prefix(k)) }
                entries?.append((newKey, newValue))
            }
            guard let entries else { return id }
            return out.addMapping(entries, style: out.style(id), mark: out.mark(id))
        }
    }

    static func containsOpenParens(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count >= 3 else { return false }
        for i in 0..<(bytes.count - 1) where bytes[i] == 40 && bytes[i + 1] == 40 { return true }
        return false
    }

    private mutating func interpolateString(_ text: String, original: YAMLTree.NodeID, scope: Scope) throws -> YAMLTree.NodeID {
        let references = VariableReference.matches(in: text)
        if let broken = VariableReference.malformed(in: text) {
            warnings.append(
                "\(out.file):\(out.mark(original)): '\(broken)' looks like a variable but is not one; it is left as it is")
        }
        guard !references.isEmpty else { return original }
        var result = text
        for reference in references {
            guard let value = try lookup(reference.name, scope: scope) else { continue }
            if VariableReference.wholeValue(result) != nil {
                return out.importNode(value.id, from: value.tree)
            }
            let replacement: String
            switch (value.kind, value.scalar) {
            case (.scalar, .string(let s)?): replacement = s
            case (.scalar, .int(let i)?): replacement = String(i)
            case (.scalar, .uint(let u)?): replacement = String(u)
            default:
                throw VariablesError(
                    "Invalid type '\(GoValueText.typeName(value))' for value '\(GoValueText.text(value))' and variable '\(reference.name)'. "
                        + "Supported types for interpolation within a string are integers and strings.")
            }
            result = result.replacingAll("((\(reference.name)))", with: replacement)
            result = result.replacingAll("((!\(reference.name)))", with: replacement)
        }
        return result == text ? original : out.addString(result, mark: out.mark(original))
    }

    /// `name` or `name.sub.0`: the variable, then what the rest finds inside its value read as a go-patch
    /// pointer (`sub/0`: `0` indexes an array); when that fails, the same path again with every index read as
    /// a map key (`0` is then the key `"0"`), and that second attempt's error is the one reported (bosh-cli v7).
    private mutating func lookup(_ reference: String, scope: Scope) throws -> YAMLNode? {
        let parts = reference.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        do {
            guard let value = try get(parts[0], scope: scope) else { return nil }
            guard parts.count > 1 else { return value }
            let pointer: PatchPointer
            do {
                pointer = try PatchPointer("/" + parts.dropFirst().joined(separator: "/"))
            } catch {
                throw VariablesError(error.message)
            }
            let hasIndex = pointer.tokens.contains { if case .index = $0 { true } else { false } }
            guard hasIndex else { return try Self.find(pointer, in: value) }
            if let found = try? Self.find(pointer, in: value) { return found }
            let keys = pointer.tokens.map { token -> PatchPointer.Token in
                if case .index(let index, _) = token { return .key(String(index), optional: false) }
                return token
            }
            return try Self.find(PatchPointer(tokens: keys), in: value)
        } catch let e as VariablesError {
            throw VariablesError("Finding variable '\(reference)': \(e.message)")
        }
    }

    /// go-patch's FindOp on a variable's value.
    private static func find(_ pointer: PatchPointer, in value: YAMLNode) throws(VariablesError) -> YAMLNode {
        var engine = PatchEngine(tree: value.tree, pointer: pointer)
        do {
            let found = try engine.find(value.id)
            return YAMLNode(tree: engine.tree, id: found)
        } catch let failure as PatchEngine.Failure {
            throw VariablesError(failure.message)
        } catch {
            throw VariablesError("\(error)")
        }
    }
}

/// Go's `%T` and `%v` for decoded YAML values, for bosh-cli's messages.
enum GoValueText {
    static func typeName(_ node: YAMLNode) -> String {
        switch node.kind {
        case .mapping: return "map[interface {}]interface {}"
        case .sequence: return "[]interface {}"
        case .scalar:
            switch node.scalar {
            case .bool?: return "bool"
            case .float?: return "float64"
            case .null?, nil: return "<nil>"
            case .int?: return "int"
            case .uint?: return "uint64"
            case .string?: return "string"
            }
        }
    }

    static func text(_ node: YAMLNode) -> String {
        switch node.kind {
        case .mapping:
            let entries = node.entries.map { "\(text($0.key)):\(text($0.value))" }.sorted()
            return "map[" + entries.joined(separator: " ") + "]"
        case .sequence: return "[" + node.items.map(text).joined(separator: " ") + "]"
        case .scalar:
            switch node.scalar {
            case .null?, nil: return "<nil>"
            case .float(let f)?:
                if f.isInfinite { return f < 0 ? "-Inf" : "+Inf" }
                return f.isNaN ? "NaN" : node.string ?? ""
            default: return node.string ?? ""
            }
        }
    }
}

extension String {
    func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var out = ""
        var rest = Substring(self)
        while let r = rest.range(of: target) {
            out += rest[..<r.lowerBound]
            out += replacement
            rest = rest[r.upperBound...]
        }
        return out + rest
    }
}

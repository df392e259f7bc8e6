import BoshYAML

/// Where variable values come from, with bosh-cli's precedence: `-v` over `--var-file` over `-l` over
/// `--vars-env`, and all of them over the `--vars-store` (which also receives generated values).
public struct VariableSources: Sendable {
    private var environment: [(String, YAMLNode)] = []
    private var varsFiles: [(String, YAMLNode)] = []
    private var varFiles: [(String, YAMLNode)] = []
    private var keyValues: [(String, YAMLNode)] = []
    /// The vars store, if any.
    public var store: VarsStore?

    /// No variables.
    public init() {}

    /// The static values after precedence: the last definition of a name in the strongest source.
    public var staticValues: [String: YAMLNode] {
        var merged: [String: YAMLNode] = [:]
        for (name, value) in environment + varsFiles + varFiles + keyValues { merged[name] = value }
        return merged
    }

    /// `-v name=value`: the value is read as YAML (so `-v port=8080` is a number) unless it reads as a plain string.
    public mutating func addKeyValue(_ argument: String) throws {
        guard let eq = argument.firstIndex(of: "=") else {
            throw VariablesError("Expected var '\(argument)' to be in format 'name=value'")
        }
        let name = String(argument[..<eq])
        let text = String(argument[argument.index(after: eq)...])
        if name.isEmpty { throw VariablesError("Expected var '\(argument)' to specify non-empty name") }
        if text.isEmpty { throw VariablesError("Expected var '\(argument)' to specify non-empty value") }
        let tree: YAMLTree
        do { tree = try YAMLParser.parse(text, file: "-v \(name)") } catch {
            throw VariablesError("Deserializing variables '\(argument)': \(error)")
        }
        if let root = tree.root, tree.kind(root) != .scalar || tree.scalarKind(root) != .string {
            keyValues.append((name, YAMLNode(tree: tree, id: root)))
        } else {
            keyValues.append((name, Self.string(text)))
        }
    }

    /// Adds a value as a YAML node at the `-v` level of precedence (the strongest); a later value of the same
    /// name wins. ``add(_:)`` takes typed Swift values.
    public mutating func addValue(_ value: YAMLNode, named name: String) {
        keyValues.append((name, value))
    }

    /// Sources holding typed values at the `-v` level, e.g. `VariableSources(["port": 8443])`.
    public init(_ values: [String: VariableValue]) {
        self.init()
        add(values)
    }

    /// `-l FILE`: every top-level key of a YAML map.
    public mutating func addVarsFile(_ tree: YAMLTree) throws {
        guard let root = tree.root else { return }
        if tree.kind(root) == .scalar && tree.scalarKind(root) == .null { return }
        guard tree.kind(root) == .mapping else {
            throw VariablesError("\(tree.file):\(tree.mark(root)): Deserializing variables file '\(tree.file)': expected a map")
        }
        for (key, value) in tree.entries(root) { varsFiles.append((tree.canonicalText(key), YAMLNode(tree: tree, id: value))) }
    }

    /// `--var-file name=PATH`: the file's contents as one string.
    public mutating func addVarFile(name: String, contents: String) {
        varFiles.append((name, Self.string(contents)))
    }

    /// `--vars-env PREFIX`: `PREFIX_name=value` environment variables, values read as YAML.
    public mutating func addEnvironment(prefix: String, environment env: [String: String]) throws {
        if prefix.isEmpty { throw VariablesError("Expected environment variable prefix to be non-empty") }
        for (key, value) in env.sorted(by: { $0.key < $1.key }) where key.hasPrefix(prefix + "_") {
            let name = String(key.dropFirst(prefix.count + 1))
            do {
                let tree = try YAMLParser.parse(value, file: key)
                if let root = tree.root {
                    environment.append((name, YAMLNode(tree: tree, id: root)))
                } else {
                    var t = YAMLTree(file: key)
                    let id = t.addNull()
                    environment.append((name, YAMLNode(tree: t, id: id)))
                }
            } catch {
                throw VariablesError("Deserializing YAML from environment variable '\(key)': \(error)")
            }
        }
    }

    static func string(_ s: String) -> YAMLNode {
        var tree = YAMLTree(file: "<variable>")
        let id = tree.addString(s)
        return YAMLNode(tree: tree, id: id)
    }
}

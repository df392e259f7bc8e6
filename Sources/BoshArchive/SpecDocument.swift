import BoshYAML
import Foundation

/// Typed access to the fields of a parsed manifest or spec, with errors that name the file, position and
/// path of a field of the wrong type. Scalars read as their source text, as Go's CLI decodes them into
/// string fields (`version: 0.1` is "0.1"); `!binary` values are base64-decoded.
package struct SpecDocument {
    package let tree: YAMLTree
    package let file: String

    /// Parses `bytes`; an empty document reads as an empty mapping.
    package init(bytes: [UInt8], file: String) throws(SpecFieldError) {
        do {
            tree = try YAMLParser.parse(bytes: bytes, file: file)
        } catch let error as YAMLError {
            throw SpecFieldError(isYAML: true, file: error.file, mark: error.mark, message: error.message)
        } catch {
            throw SpecFieldError(isYAML: true, file: file, mark: nil, message: "\(error)")
        }
        self.file = file
    }

    /// The root mapping, or `nil` for an empty document; anything else is an error.
    package func rootMapping(what: String) throws(SpecFieldError) -> YAMLTree.NodeID? {
        guard let root = tree.root else { return nil }
        if tree.kind(root) == .scalar && tree.scalarKind(root) == .null { return nil }
        guard tree.kind(root) == .mapping else {
            throw problem(root, "/", "\(what) must be a YAML mapping, got \(describe(root))")
        }
        return root
    }

    package func problem(_ id: YAMLTree.NodeID?, _ path: String, _ message: String) -> SpecFieldError {
        SpecFieldError(isYAML: false, file: file, mark: id.map { tree.mark($0) }, message: "\(path): \(message)")
    }

    /// An error about the whole document (no node).
    package func problem(_ message: String) -> SpecFieldError {
        SpecFieldError(isYAML: false, file: file, mark: nil, message: message)
    }

    package func describe(_ id: YAMLTree.NodeID) -> String {
        switch tree.kind(id) {
        case .mapping: return "a mapping"
        case .sequence: return "a sequence"
        case .scalar: return tree.scalarKind(id) == .null ? "null" : "'\(tree.text(id))'"
        }
    }

    package func isNull(_ id: YAMLTree.NodeID) -> Bool { tree.kind(id) == .scalar && tree.scalarKind(id) == .null }

    /// A scalar's text (`!binary` decoded); `nil` when absent or null.
    package func string(_ map: YAMLTree.NodeID, _ key: String, path: String) throws(SpecFieldError) -> String? {
        guard let id = tree.value(map, forKey: key), !isNull(id) else { return nil }
        return try scalarText(id, path: path + "/" + key)
    }

    package func requiredString(_ map: YAMLTree.NodeID, _ key: String, path: String) throws(SpecFieldError) -> String {
        guard let value = try string(map, key, path: path), !value.isEmpty else {
            throw problem(tree.value(map, forKey: key) ?? map, path + "/" + key, "required field is missing or empty")
        }
        return value
    }

    package func scalarText(_ id: YAMLTree.NodeID, path: String) throws(SpecFieldError) -> String {
        guard tree.kind(id) == .scalar else { throw problem(id, path, "expected a string, got \(describe(id))") }
        let text = tree.text(id)
        if let tag = tree.tag(id), tag == "!binary" || tag == "!!binary" {
            let compact = text.filter { !$0.isWhitespace }
            guard let data = Data(base64Encoded: compact), let decoded = String(data: data, encoding: .utf8) else {
                throw problem(id, path, "invalid base64 in \(tag) value")
            }
            return decoded
        }
        return text
    }

    package func bool(_ map: YAMLTree.NodeID, _ key: String, path: String) throws(SpecFieldError) -> Bool? {
        guard let id = tree.value(map, forKey: key), !isNull(id) else { return nil }
        guard case .bool(let value)? = tree.resolved(id) else {
            throw problem(id, path + "/" + key, "expected a boolean, got \(describe(id))")
        }
        return value
    }

    /// A sequence of scalars; absent or null is empty.
    package func stringList(_ map: YAMLTree.NodeID, _ key: String, path: String) throws(SpecFieldError) -> [String] {
        guard let id = tree.value(map, forKey: key), !isNull(id) else { return [] }
        guard tree.kind(id) == .sequence else {
            throw problem(id, path + "/" + key, "expected a sequence of strings, got \(describe(id))")
        }
        var out: [String] = []
        for (i, item) in tree.items(id).enumerated() {
            out.append(try scalarText(item, path: "\(path)/\(key)/\(i)"))
        }
        return out
    }

    /// A sequence's items; absent or null is empty.
    package func sequence(_ map: YAMLTree.NodeID, _ key: String, path: String) throws(SpecFieldError) -> [YAMLTree
        .NodeID]
    {
        guard let id = tree.value(map, forKey: key), !isNull(id) else { return [] }
        guard tree.kind(id) == .sequence else {
            throw problem(id, path + "/" + key, "expected a sequence, got \(describe(id))")
        }
        return Array(tree.items(id))
    }

    /// A mapping's entries; absent or null is empty.
    package func mapping(_ map: YAMLTree.NodeID, _ key: String, path: String) throws(SpecFieldError)
        -> [(key: YAMLTree.NodeID, value: YAMLTree.NodeID)]
    {
        guard let id = tree.value(map, forKey: key), !isNull(id) else { return [] }
        guard tree.kind(id) == .mapping else {
            throw problem(id, path + "/" + key, "expected a mapping, got \(describe(id))")
        }
        return Array(tree.entries(id))
    }

    /// A sequence item that must be a mapping.
    package func itemMapping(_ id: YAMLTree.NodeID, path: String) throws(SpecFieldError) -> YAMLTree.NodeID {
        guard tree.kind(id) == .mapping else { throw problem(id, path, "expected a mapping, got \(describe(id))") }
        return id
    }

    package func node(_ id: YAMLTree.NodeID) -> YAMLNode { YAMLNode(tree: tree, id: id) }
}

/// A manifest or spec that is not YAML (`isYAML`) or has a field of the wrong type or form.
package struct SpecFieldError: Error, Hashable, Sendable {
    package var isYAML: Bool
    package var file: String
    package var mark: SourceMark?
    package var message: String
}

/// `file:line:column: message`, `file: message`, or the message alone: how BoshKit errors locate themselves.
package func locatedMessage(_ message: String, file: String?, mark: SourceMark?) -> String {
    guard let file else { return message }
    if let mark { return "\(file):\(mark.line):\(mark.column): \(message)" }
    return "\(file): \(message)"
}

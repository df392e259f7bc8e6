import BoshYAML

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A `--vars-store` file: values by variable name, read at start and written back, atomically and with
/// mode 0600, only when interpolation succeeds and something was generated.
public struct VarsStore: Sendable {
    /// The file's path.
    public let path: String
    /// The values, in file order (new ones appended).
    public private(set) var values: [(name: String, value: YAMLNode)]
    /// Whether values were added since the file was read.
    public private(set) var isModified = false

    /// Reads the store (a missing or empty file is an empty store).
    /// - Throws: ``VariablesError`` when the file is not a YAML map.
    public init(path: String) throws {
        self.path = path
        values = []
        guard let bytes = try? FileBytes.read(path) else { return }
        let tree: YAMLTree
        do { tree = try YAMLParser.parse(bytes: bytes, file: path) } catch let e as YAMLError {
            throw VariablesError("Deserializing variables file store '\(path)': \(e)")
        }
        guard let root = tree.root, !(tree.kind(root) == .scalar && tree.scalarKind(root) == .null) else { return }
        guard tree.kind(root) == .mapping else {
            throw VariablesError("\(path):\(tree.mark(root)): Deserializing variables file store '\(path)': expected a map of variable names to values")
        }
        values = tree.entries(root).map { (tree.canonicalText($0.key), YAMLNode(tree: tree, id: $0.value)) }
    }

    /// The value stored for a name.
    public subscript(name: String) -> YAMLNode? { values.first { $0.name == name }?.value }

    /// Stores a new value.
    mutating func set(_ name: String, _ value: YAMLNode) {
        if let i = values.firstIndex(where: { $0.name == name }) {
            values[i].value = value
        } else {
            values.append((name, value))
        }
        isModified = true
    }

    /// Writes the store as `bosh int` writes it (yaml.v2 style), to a temporary file that is renamed over
    /// the store, with mode 0600.
    public func save() throws {
        var tree = YAMLTree(file: path)
        let entries = values.map { (key: tree.addString($0.name), value: tree.importNode($0.value.id, from: $0.value.tree)) }
        tree.setRoot(tree.addMapping(entries))
        let bytes = try tree.emitBytes(style: .boshInt)
        try FileBytes.writeAtomically(bytes, to: path, mode: 0o600)
    }
}

/// Small file helpers on POSIX calls (no Foundation in the library).
enum FileBytes {
    static func read(_ path: String) throws -> [UInt8] {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw VariablesError("cannot read '\(path)': \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var out: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = buffer.withUnsafeMutableBytes { readBytes(fd, $0.baseAddress, $0.count) }
            if n < 0 { throw VariablesError("cannot read '\(path)': \(String(cString: strerror(errno)))") }
            if n == 0 { break }
            out.append(contentsOf: buffer[0..<n])
        }
        return out
    }

    static func writeAtomically(_ bytes: [UInt8], to path: String, mode: mode_t) throws {
        let temp = path + ".tmp-\(getpid())"
        let fd = open(temp, O_WRONLY | O_CREAT | O_TRUNC, mode)
        guard fd >= 0 else { throw VariablesError("cannot write '\(temp)': \(String(cString: strerror(errno)))") }
        fchmod(fd, mode)
        var written = 0
        while written < bytes.count {
            let n = bytes[written...].withUnsafeBytes { writeBytes(fd, $0.baseAddress, $0.count) }
            if n <= 0 {
                close(fd)
                unlink(temp)
                throw VariablesError("cannot write '\(temp)': \(String(cString: strerror(errno)))")
            }
            written += n
        }
        fsync(fd)
        close(fd)
        guard rename(temp, path) == 0 else {
            unlink(temp)
            throw VariablesError("cannot replace '\(path)': \(String(cString: strerror(errno)))")
        }
    }
}

#if canImport(Glibc)
private func readBytes(_ fd: Int32, _ p: UnsafeMutableRawPointer?, _ n: Int) -> Int { Glibc.read(fd, p, n) }
private func writeBytes(_ fd: Int32, _ p: UnsafeRawPointer?, _ n: Int) -> Int { Glibc.write(fd, p, n) }
#else
private func readBytes(_ fd: Int32, _ p: UnsafeMutableRawPointer?, _ n: Int) -> Int { Darwin.read(fd, p, n) }
private func writeBytes(_ fd: Int32, _ p: UnsafeRawPointer?, _ n: Int) -> Int { Darwin.write(fd, p, n) }
#endif

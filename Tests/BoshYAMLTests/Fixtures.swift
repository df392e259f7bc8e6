import Foundation

/// Paths of this test target's fixtures (read from the source tree, so tests need no bundle lookup).
enum Fixtures {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    static let corpus = root.appendingPathComponent("corpus")
    static let boshInt = root.appendingPathComponent("bosh-int")

    /// Every corpus file, as paths relative to `corpus/`, sorted.
    static func corpusFiles() -> [String] {
        let base = corpus.path
        let enumerator = FileManager.default.enumerator(atPath: base)
        var files: [String] = []
        while let path = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: base + "/" + path, isDirectory: &isDirectory), !isDirectory.boolValue {
                files.append(path)
            }
        }
        return files.sorted()
    }

    static func text(_ url: URL) throws -> String { try String(contentsOf: url, encoding: .utf8) }
}

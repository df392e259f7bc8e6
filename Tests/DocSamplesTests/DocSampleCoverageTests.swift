import BoshKitTestSupport
import Foundation
import Testing

/// Every ```swift block of `Documentation/*.md` and of the DocC catalogs (`Sources/*/*.docc/*.md`) must be present
/// verbatim in `Samples/`, whose files this target compiles: a doc sample that stops compiling fails the build,
/// and a doc sample changed without its compiled copy fails this test.
///
/// Matching rules: a block's `import` lines must each appear in the samples (at the top of a file); the other lines
/// must appear consecutively, all indented by the same amount (a sample sits in a function body). A leading
/// `@main ` is dropped before matching, because a test target cannot have an entry point. Package manifests
/// (blocks that `import PackageDescription`) are not Swift a target can compile: each is checked by
/// `swift package dump-package` instead, which compiles the manifest without resolving its dependencies.
@Suite("Doc samples are compiled")
struct DocSampleCoverageTests {
    static let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let packageRoot = here.deletingLastPathComponent().deletingLastPathComponent()

    struct Block: CustomStringConvertible, Sendable {
        var file: String
        var line: Int
        var lines: [String]
        var description: String { "\(file):\(line)" }
    }

    /// The documentation files whose Swift samples are checked.
    static func documents() throws -> [String] {
        let manager = FileManager.default
        var paths: [String] = []
        let guides = packageRoot.appendingPathComponent("Documentation")
        for name in try manager.contentsOfDirectory(atPath: guides.path) where name.hasSuffix(".md") {
            paths.append("Documentation/" + name)
        }
        let sources = packageRoot.appendingPathComponent("Sources")
        for module in try manager.contentsOfDirectory(atPath: sources.path) {
            let catalog = "Sources/\(module)/\(module).docc"
            guard let names = try? manager.contentsOfDirectory(atPath: packageRoot.appendingPathComponent(catalog).path) else {
                continue
            }
            for name in names where name.hasSuffix(".md") { paths.append(catalog + "/" + name) }
        }
        return paths.sorted()
    }

    /// The ```swift blocks of a Markdown text, without the fence's own indentation.
    static func swiftBlocks(in text: String, file: String) -> [Block] {
        let lines = text.components(separatedBy: "\n")
        var blocks: [Block] = []
        var index = 0
        while index < lines.count {
            let fence = lines[index]
            let trimmed = fence.drop { $0 == " " }
            guard trimmed.hasPrefix("```swift") else {
                index += 1
                continue
            }
            let indent = fence.count - trimmed.count
            var body: [String] = []
            var end = index + 1
            while end < lines.count, !lines[end].drop(while: { $0 == " " }).hasPrefix("```") {
                let line = lines[end]
                body.append(line.trimmingCharacters(in: .whitespaces).isEmpty ? "" : String(line.dropFirst(min(indent, line.count))))
                end += 1
            }
            blocks.append(Block(file: file, line: index + 1, lines: body))
            index = end + 1
        }
        return blocks
    }

    /// The lines of every compiled sample file.
    static func sampleLines() throws -> [String] {
        let directory = here.appendingPathComponent("Samples")
        var lines: [String] = []
        for name in try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() where name.hasSuffix(".swift") {
            lines += try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8).components(separatedBy: "\n")
        }
        return lines
    }

    /// Whether `block` is in `samples` under the matching rules; the first line that is not, otherwise.
    static func missingLine(of block: Block, in samples: [String]) -> String? {
        let imports = block.lines.filter { $0.hasPrefix("import ") }
        if let missing = imports.first(where: { !samples.contains($0) }) { return missing }
        var body = block.lines.filter { !$0.hasPrefix("import ") }.map { $0.hasPrefix("@main ") ? String($0.dropFirst(6)) : $0 }
        while body.first == "" { body.removeFirst() }
        while body.last == "" { body.removeLast() }
        guard let first = body.first else { return nil }
        for start in samples.indices where samples[start].hasSuffix(first) {
            let indent = samples[start].dropLast(first.count)
            guard indent.allSatisfy({ $0 == " " }), start + body.count <= samples.count else { continue }
            let matches = body.indices.allSatisfy { offset in
                let sample = samples[start + offset]
                return body[offset].isEmpty ? sample.trimmingCharacters(in: .whitespaces).isEmpty : sample == indent + body[offset]
            }
            if matches { return nil }
        }
        return first
    }

    /// Every ```swift block of every document.
    static func allBlocks() throws -> [Block] {
        try documents().flatMap { document in
            swiftBlocks(in: try String(contentsOf: packageRoot.appendingPathComponent(document), encoding: .utf8), file: document)
        }
    }

    static func isPackageManifest(_ block: Block) -> Bool { block.lines.contains("import PackageDescription") }

    @Test func everySwiftBlockOfTheDocsIsCompiled() throws {
        let samples = try Self.sampleLines()
        var checked = 0
        for block in try Self.allBlocks() where !Self.isPackageManifest(block) {
            checked += 1
            if let line = Self.missingLine(of: block, in: samples) {
                Issue.record(
                    "\(block): this ```swift block is not in Tests/DocSamplesTests/Samples (first missing line: \(line)); copy it there, verbatim, into a function that compiles")
            }
        }
        #expect(checked >= 30, "found only \(checked) Swift blocks: are the docs where this test looks?")
    }

    /// `swift package dump-package` takes many seconds; its wait runs on a thread of its own, not on one of the two
    /// threads of the cooperative pool that the package's networking tests need meanwhile.
    @Test func packageManifestsInTheDocsCompile() async throws {
        let manifests = try Self.allBlocks().filter(Self.isPackageManifest)
        #expect(manifests.count >= 2, "UsingBoshKit.md shows a URL and a path dependency")
        for block in manifests {
            let (status, text) = try await offCooperativePool { try Self.dumpPackage(block) }
            #expect(status == 0, "\(block): the package manifest does not compile:\n\(text)")
        }
    }

    /// Runs `swift package dump-package` on `block` as a package manifest: its exit status and output.
    static func dumpPackage(_ block: Block) throws -> (Int32, String) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("doc-manifest-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try (block.lines.joined(separator: "\n") + "\n").write(
            to: directory.appendingPathComponent("Package.swift"), atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["swift", "package", "--package-path", directory.path, "dump-package"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, text)
    }

    @Test func theMatcherFindsIndentedCopiesOnly() {
        let block = Block(file: "x.md", line: 1, lines: ["import Foo", "", "let a = 1", "", "print(a)", "@main struct M {}"])
        let good = ["import Foo", "func f() {", "    let a = 1", "", "    print(a)", "    struct M {}", "}"]
        #expect(Self.missingLine(of: block, in: good) == nil)
        let reindented = ["import Foo", "    let a = 1", "", "  print(a)", "    struct M {}"]
        #expect(Self.missingLine(of: block, in: reindented) == "let a = 1")
        #expect(Self.missingLine(of: block, in: Array(good.dropFirst())) == "import Foo")
        let fenced = Self.swiftBlocks(in: "text\n  ```swift\n  let x = 1\n\n    y()\n  ```\n", file: "d.md")
        #expect(fenced.map(\.lines) == [["let x = 1", "", "  y()"]])
        #expect(fenced.first?.line == 2)
    }
}

import BoshYAML
import Foundation
import Testing

/// Alias expansion bounded exactly as yaml.v2 2.4 bounds it (what the real `bosh int` decodes with): the alias
/// bomb is refused at once, and documents on both sides of the bound are decided as the real CLI decided them.
@Suite struct AliasBudgetTests {
    /// A billion-laughs document: `levels` lists of ten, each entry an alias of the previous list.
    static func bomb(levels: Int) -> String {
        var lines = [#"a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]"#]
        var previous = "a"
        for level in 1..<levels {
            let name = String(UnicodeScalar(UInt8(ascii: "a") + UInt8(level)))
            lines.append("\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 10).joined(separator: ",") + "]")
            previous = name
        }
        return lines.joined(separator: "\n") + "\n"
    }

    @Test(arguments: [4, 6, 9])
    func theBombAndItsSiblingsAreRefusedAtOnce(_ levels: Int) throws {
        let error = try #require(throws: YAMLError.self) { try YAMLParser.parse(Self.bomb(levels: levels), file: "bomb.yml") }
        #expect(error.kind == .excessiveAliasing)
        #expect(error.message == "document contains excessive aliasing")
        #expect(error.description.hasPrefix("bomb.yml:"))
    }

    @Test func threeLevelsAreFine() throws {
        let tree = try YAMLParser.parse(Self.bomb(levels: 3), file: "small.yml")
        let root = try #require(tree.root)
        #expect(try YAMLNode(tree: tree, id: root).emit(style: .boshInt).split(separator: "\n").count > 100)
    }

    struct Verdict: Decodable, CustomTestStringConvertible {
        var family: String
        var k: Int
        var m: Int
        var p: Int
        var anchorFirst: Bool
        var verdict: String
        var testDescription: String { "\(family) k=\(k) m=\(m) p=\(p)\(anchorFirst ? " anchor first" : "") → \(verdict)" }
    }

    static let verdicts: [Verdict] = {
        let url = Fixtures.root.appendingPathComponent("alias-budget-verdicts.json")
        return (try? JSONDecoder().decode([Verdict].self, from: Data(contentsOf: url))) ?? []
    }()

    /// The document a recorded verdict is about (as the recording generated it).
    static func document(_ v: Verdict) -> String {
        var text = ""
        let pad = "pad: [" + Array(repeating: "x", count: v.p).joined(separator: ",") + "]\n"
        switch v.family {
        case "alias-list":
            let lists = "a: &a [" + Array(repeating: "y", count: v.k).joined(separator: ",") + "]\n"
                + "b: [" + Array(repeating: "*a", count: v.m).joined(separator: ",") + "]\n"
            text = v.anchorFirst ? lists + pad : pad + lists
        default:
            text = pad
            text += "base: &base {" + (0..<v.k).map { "k\($0): v" }.joined(separator: ",") + "}\n"
            text += "base2: &base2 {" + (0..<v.k).map { "j\($0): v" }.joined(separator: ",") + "}\n"
            let item = v.family == "merge-sequence" ? "{<<: [*base, *base2], z: 1}" : "{<<: *base, z: 1}"
            text += "items: [" + Array(repeating: item, count: v.m).joined(separator: ",") + "]\n"
        }
        return text
    }

    @Test func everyRecordedVerdictIsRead() {
        #expect(Self.verdicts.count == 50)
        #expect(Set(Self.verdicts.map(\.verdict)) == ["accepted", "refused"])
    }

    @Test(arguments: verdicts.filter { $0.p <= 10_000 })
    func decidesAsTheRealCLIDid(_ verdict: Verdict) throws {
        try check(verdict)
    }

    /// Documents of 390,000 to 3,000,000 nodes, where the allowed ratio falls from 0.99 to 0.10.
    @Test(arguments: verdicts.filter { $0.p > 10_000 && $0.p <= 600_000 && $0.anchorFirst })
    func decidesLargeDocumentsAsTheRealCLIDid(_ verdict: Verdict) throws {
        try check(verdict)
    }

    private func check(_ verdict: Verdict) throws {
        let text = Self.document(verdict)
        do {
            _ = try YAMLParser.parse(text, file: "case.yml")
            #expect(verdict.verdict == "accepted", "accepted, but bosh int refused it")
        } catch let error as YAMLError {
            #expect(error.kind == .excessiveAliasing && verdict.verdict == "refused", "\(error)")
        }
    }
}

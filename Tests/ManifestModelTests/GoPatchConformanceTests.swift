import BoshYAML
import Foundation
import ManifestModel
import Testing

/// Every recorded go-patch case gives the same YAML, or the same error text, as the real go-patch.
@Suite struct GoPatchConformanceTests {
    struct Case: Decodable, CustomTestStringConvertible, Sendable {
        var name: String
        var doc: String
        var ops: String?
        var find: String?
        var expected_yaml: String?
        var error: String?
        var error_stage: String?
        var testDescription: String { name }
    }

    static let cases: [Case] = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/gopatch-cases-sample.json")
        return (try? JSONDecoder().decode([Case].self, from: Data(contentsOf: url))) ?? []
    }()

    @Test func thereAreCases() { #expect(Self.cases.count == 50) }

    @Test(arguments: cases)
    func matchesGoPatch(_ c: Case) throws {
        var document = PatchDocument(try YAMLParser.parse(c.doc, file: "doc.yml"))
        do {
            if let find = c.find {
                let found = try document.find(try PatchPointer(find))
                #expect(try found.tree.emit(found.id, style: .boshInt) == c.expected_yaml)
                return
            }
            let ops = try OpsFile(yaml: c.ops ?? "", file: "ops.yml")
            try document.apply(ops.operations)
            #expect(c.error == nil, "expected error \(c.error ?? "")")
            #expect(try document.result.emit(style: .boshInt) == c.expected_yaml)
        } catch let e as PatchError {
            #expect(e.goPatchMessage == c.error)
        } catch let e as PatchPointerError {
            #expect(e.message == c.error)
        }
    }
}

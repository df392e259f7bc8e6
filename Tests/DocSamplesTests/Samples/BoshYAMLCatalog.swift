// The Swift samples of Sources/BoshYAML/BoshYAML.docc/BoshYAML.md, verbatim, in functions that compile (never called unless a test says so).
// DocSampleCoverageTests fails when a ```swift block of the doc is missing here: change both together.

import BoshYAML

enum BoshYAMLCatalog {
    static func parse(text: String) async throws {
        let tree = try YAMLParser.parse(text, file: "manifest.yml")
        let root = tree.root!
        for (key, value) in tree.entries(root) {
            print(tree.text(key), tree.mark(value))          // document order, 1-based line:column
        }
        print(try tree.emit(style: .boshInt))                  // byte-identical to `bosh int manifest.yml`
    }
}

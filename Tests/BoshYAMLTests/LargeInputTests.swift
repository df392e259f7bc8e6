import BoshYAML
import Testing

/// A 50 MB manifest parses (no quadratic step, no crash) and keeps its marks.
@Suite struct LargeInputTests {
    @Test func fiftyMegabyteManifest() throws {
        let block = """
            - name: group
              instances: 3
              azs: [z1, z2, z3]
              jobs:
              - name: job
                release: release
                properties: {port: 8080, enabled: yes, note: "some text for a group of instances"}
              networks: [{name: default}]

            """
        let group = 50_000_000 / block.utf8.count + 1
        let text = "name: huge\ninstance_groups:\n" + String(repeating: block, count: group)
        let tree = try YAMLParser.parse(text, file: "huge.yml")
        let root = try #require(tree.root)
        let groups = try #require(tree.value(root, forKey: "instance_groups"))
        #expect(tree.count(groups) == group)
        let last = tree.items(groups)[group - 1]
        #expect(tree.mark(last).line == 3 + (group - 1) * 8)
    }
}

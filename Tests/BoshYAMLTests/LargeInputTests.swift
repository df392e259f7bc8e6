import BoshKitTestSupport
import BoshYAML
import Testing

/// A 50 MB manifest parses (no quadratic step, no crash) and keeps its marks; input beyond what a tree can
/// address is refused before it is read.
@Suite struct LargeInputTests {
    /// One byte past ``YAMLParser/maximumInputSize`` is a `tooLarge` error; nothing is read (the buffer claims more
    /// bytes than it has, which only an unchecked read would notice).
    @Test func inputBeyondTheLimitIsRefused() throws {
        let byte = UnsafeMutablePointer<UInt8>.allocate(capacity: 1)
        defer { byte.deallocate() }
        byte.initialize(to: UInt8(ascii: "a"))
        let claimed = UnsafeBufferPointer(start: byte, count: YAMLParser.maximumInputSize + 1)
        let error = try #require(throws: YAMLError.self) { try YAMLParser.parse(bytes: claimed, file: "big.yml") }
        #expect(error.kind == .tooLarge)
        #expect(error.description == "big.yml: the input is 2147483648 bytes, more than the 2147483647 a YAML tree can hold")
        let fits = UnsafeBufferPointer(start: byte, count: 1)
        #expect(try YAMLParser.parse(bytes: fits, file: "small.yml").root != nil)
    }

    @Test func fiftyMegabyteManifest() async throws {
        try await offCooperativePool { try Self.parseFiftyMegabytes() }
    }

    static func parseFiftyMegabytes() throws {
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

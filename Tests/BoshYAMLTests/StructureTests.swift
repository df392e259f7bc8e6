import BoshYAML
import Testing

/// Anchors, aliases, merge keys, multi-document streams and source marks.
@Suite struct StructureTests {
    @Test func sourceMarksAreOneBased() throws {
        let tree = try YAMLParser.parse("name: web\njobs:\n  - name: nginx\n", file: "m.yml")
        let root = try #require(tree.root)
        let jobs = try #require(tree.value(root, forKey: "jobs"))
        let first = tree.items(jobs)[0]
        #expect(tree.mark(root) == SourceMark(line: 1, column: 1))
        #expect(tree.mark(first) == SourceMark(line: 3, column: 5))
        let name = try #require(tree.value(first, forKey: "name"))
        #expect(tree.mark(name) == SourceMark(line: 3, column: 11))
    }

    @Test func keysKeepDocumentOrder() throws {
        let tree = try YAMLParser.parse("zeta: 1\nalpha: 2\nmid: 3\n")
        let root = try #require(tree.root)
        let keys = tree.entries(root).map { tree.text($0.key) }
        #expect(keys == ["zeta", "alpha", "mid"])
        #expect(try tree.emit() == "zeta: 1\nalpha: 2\nmid: 3\n")
        #expect(try tree.emit(style: .boshInt) == "alpha: 2\nmid: 3\nzeta: 1\n")
    }

    @Test func aliasesResolveToTheAnchoredNode() throws {
        let tree = try YAMLParser.parse("base: &b {cpu: 2}\nother: *b\n")
        let root = try #require(tree.root)
        #expect(tree.value(root, forKey: "base") == tree.value(root, forKey: "other"))
        #expect(try tree.emit(style: .boshInt) == "base:\n  cpu: 2\nother:\n  cpu: 2\n")
    }

    @Test func mergeKeysFollowYAMLv2() throws {
        // yaml.v2 sets entries in order: an explicit key after `<<` wins, one before it is overwritten;
        // in a merged sequence earlier maps take precedence.
        let source = """
            a: &a {x: 1, p: 1}
            b: &b {p: 2, z: 2}
            m:
              x: 0
              <<: [*a, *b]
              w: 9
              z: 3
            """
        let tree = try YAMLParser.parse(source)
        #expect(
            try tree.emit(style: .boshInt)
                == "a:\n  p: 1\n  x: 1\nb:\n  p: 2\n  z: 2\nm:\n  p: 1\n  w: 9\n  x: 1\n  z: 3\n")
    }

    @Test func mergeOfAScalarIsAnError() throws {
        let error = try #require(throws: YAMLError.self) { try YAMLParser.parse("m:\n  <<: 3\n", file: "m.yml") }
        #expect(error.kind == .mergeNotMap)
        #expect(error.description.hasPrefix("m.yml:2:3:"))
    }

    @Test func multiDocumentStreams() throws {
        let tree = try YAMLParser.parse("a: 1\n---\nb: 2\n---\n- 3\n")
        #expect(tree.documents.count == 3)
        #expect(try tree.emit(tree.documents[2], style: .boshInt) == "- 3\n")
    }

    @Test func emptyStreamHasNoDocumentsAndPrintsNull() throws {
        let tree = try YAMLParser.parse("")
        #expect(tree.documents.isEmpty)
        #expect(try tree.emit(style: .boshInt) == "null\n")
        #expect(try YAMLParser.parse("# only a comment\n").documents.isEmpty)
    }
}

import BoshYAML
import Testing

/// `Decodable` straight from the tree, with yaml.v2 typing and positions in errors.
@Suite struct YAMLDecoderTests {
    struct Release: Decodable, Equatable {
        var name: String
        var version: String
        var url: String?
        var ports: [Int]
        var enabled: Bool
        var ratio: Double
        var extra: YAMLNode?
    }

    @Test func decodesWithYAMLv2Typing() throws {
        let tree = try YAMLParser.parse(
            "name: nginx\nversion: 1.10\nports: [80, 0x1BB]\nenabled: yes\nratio: 1\nextra: {a: [1]}\n", file: "r.yml")
        let release = try YAMLDecoder().decode(Release.self, from: tree)
        #expect(release.name == "nginx")
        #expect(release.version == "1.1")
        #expect(release.url == nil)
        #expect(release.ports == [80, 443])
        #expect(release.enabled)
        #expect(release.ratio == 1)
        #expect(release.extra?["a"]?.items.first?.scalar == .int(1))
    }

    @Test func errorsSayWhere() throws {
        let tree = try YAMLParser.parse("name: nginx\nversion: 1\nports: [80, x]\nenabled: true\nratio: 1\n", file: "r.yml")
        do {
            _ = try YAMLDecoder().decode(Release.self, from: tree)
            Issue.record("expected an error")
        } catch let DecodingError.typeMismatch(_, context) {
            #expect(context.debugDescription == "r.yml:3:13: expected an integer, got \"x\"")
        }
        let missing = try YAMLParser.parse("name: nginx\n", file: "m.yml")
        do {
            _ = try YAMLDecoder().decode(Release.self, from: missing)
            Issue.record("expected an error")
        } catch let DecodingError.keyNotFound(key, context) {
            #expect(key.stringValue == "version")
            #expect(context.debugDescription == "m.yml:1:1: missing required key 'version'")
        }
    }
}

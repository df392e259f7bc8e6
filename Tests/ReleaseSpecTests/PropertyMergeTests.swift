import BoshYAML
import ReleaseSpec
import Testing

/// Spec defaults merged under manifest properties, as the director merges them.
@Suite struct PropertyMergeTests {
    let spec = try! JobSpec(
        bytes: Array(
            """
            name: web
            properties:
              web.port: {default: 8080}
              web.tls.enabled: {default: false}
              web.tls.cert: {description: no default}
              web.tags: {default: [a, b]}
              log_level: {default: info}
              nats: {description: a whole map}
            """.utf8))

    private func manifest(_ yaml: String) throws -> YAMLNode {
        let tree = try YAMLParser.parse(yaml, file: "manifest.yml")
        return YAMLNode(tree: tree, id: tree.root!)
    }

    @Test func defaultsWhenTheManifestSaysNothing() throws {
        let resolved = spec.resolveProperties(nil)
        #expect(
            try resolved.properties.emit(style: .boshInt)
                == "log_level: info\nnats: null\nweb:\n  port: 8080\n  tags:\n  - a\n  - b\n  tls:\n    cert: null\n    enabled: false\n"
        )
        #expect(resolved.unknownPaths.isEmpty)
    }

    @Test func manifestValuesWinAndNestByDots() throws {
        let properties = try manifest(
            """
            web:
              port: 9090
              tls: {enabled: true, cert: PEM}
            nats: {user: u, password: p}
            """)
        let resolved = spec.resolveProperties(properties)
        let web = try #require(resolved.properties["web"])
        #expect(web["port"]?.scalar == .int(9090))
        #expect(web["tls"]?["enabled"]?.scalar == .bool(true))
        #expect(web["tls"]?["cert"]?.string == "PEM")
        #expect(web["tags"]?.items.count == 2)
        #expect(resolved.properties["nats"]?["user"]?.string == "u")
        #expect(resolved.properties["log_level"]?.string == "info")
    }

    @Test func explicitNullFallsBackToTheDefault() throws {
        let resolved = spec.resolveProperties(try manifest("web: {port: ~}"))
        #expect(resolved.properties["web"]?["port"]?.scalar == .int(8080))
    }

    @Test func unknownManifestPropertiesAreReportedByPath() throws {
        let resolved = spec.resolveProperties(
            try manifest(
                """
                web:
                  port: 1
                  bogus: 2
                  tls: {enabled: true, extra: 3}
                nats: {anything: goes}
                typo_level: debug
                """))
        #expect(resolved.unknownPaths == ["web.bogus", "web.tls.extra", "typo_level"])
    }

    @Test func realSpecWithDottedDefaults() throws {
        let nats = try JobSpec(bytes: try Fixtures.specBytes("nats-release/jobs/nats/spec"))
        let resolved = nats.resolveProperties(try manifest("nats: {user: admin, password: secret}"))
        #expect(resolved.properties["nats"]?["port"]?.scalar == .int(4222))
        #expect(resolved.properties["nats"]?["user"]?.string == "admin")
        #expect(resolved.unknownPaths.isEmpty)
    }
}

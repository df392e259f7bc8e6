import ReleaseSpec
import Testing
@testable import BoshDirector

/// Link properties arrive from the Scheduler flat (dotted names, YAML text) and reach templates nested.
@Suite struct RenderLinksTests {
    @Test func dottedNamesNestAndValuesKeepTheirTypes() {
        let value = RenderLinks.properties(["db.port": "5432", "db.name": "app", "tls.enabled": "true", "tags": "[a, b]"])
        #expect(
            value
                == .object([
                    ("db", .object([("name", .string("app")), ("port", .number("5432"))])),
                    ("tags", .array([.string("a"), .string("b")])),
                    ("tls", .object([("enabled", .bool(true))])),
                ]))
    }

    @Test func noPropertiesIsAnEmptyObject() {
        #expect(RenderLinks.properties([:]) == .object([]))
    }
}

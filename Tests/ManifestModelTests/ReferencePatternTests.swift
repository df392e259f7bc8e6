import BoshYAML
import Foundation
import ManifestModel
import Testing

/// bosh-cli's reference pattern `\(\( ?(!?[-/\.\w\pL]+) ?\)\)`: names with `/` (CredHub's absolute names), a space
/// inside the parentheses, Unicode letters read as Go reads them (scalars, not characters). Every expected document
/// and missing-variable list was printed by the real `bosh int` (v7.10.6, built from source) on 2026-12-07.
@Suite struct ReferencePatternTests {
    func run(_ yaml: String, vars: [String] = [], options: Interpolator.Options = .init()) throws -> String {
        try InterpolationTests().run(yaml, vars: vars, options: options)
    }

    static let slashesAndSpaces = "a: (( x ))\nb: ((/dns/y))\nc: \"pre-((/z))-post\"\nd: \"(( x))\"\n"

    @Test func slashesAndSpaces() throws {
        #expect(
            try run(Self.slashesAndSpaces, vars: ["x=1", "/dns/y=2", "/z=3"]) == "a: 1\nb: 2\nc: pre-3-post\nd: 1\n")
        let error = try #require(throws: VariablesError.self) {
            try run(Self.slashesAndSpaces, options: .init(expectAllKeys: true))
        }
        #expect(error.message == "Expected to find variables: /dns/y\n/z\nx")
    }

    static let letters = "a: ((\u{E9}))\nb: ((e\u{301}))\nc: \"x((\u{E9}))y\"\nd: \"x(( \u{E9} ))y\"\ne: ((!f))\ng: (( !f ))\nh: ((! f))\n"

    @Test func lettersSpacesAndBangs() throws {
        // `e` + a combining accent is no reference (the accent is no letter); a spaced reference inside a longer
        // string is found but replaced only in its unspaced spelling, so it stays; `((! f))` is no reference.
        #expect(
            try run(Self.letters, vars: ["\u{E9}=1", "f=3"])
                == "a: 1\nb: ((e\u{301}))\nc: x1y\nd: x(( \u{E9} ))y\ne: 3\ng: 3\nh: ((! f))\n")
        let error = try #require(throws: VariablesError.self) { try run(Self.letters, options: .init(expectAllKeys: true)) }
        #expect(error.message == "Expected to find variables: f\n\u{E9}")
    }
}

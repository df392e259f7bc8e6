import BoshYAML
import Foundation
import ManifestModel
import Testing

/// `((variables))` as bosh-cli interpolates them.
@Suite struct InterpolationTests {
    func run(_ yaml: String, vars: [String] = [], options: Interpolator.Options = .init()) throws -> String {
        var sources = VariableSources()
        for v in vars { try sources.addKeyValue(v) }
        let result = try Interpolator.interpolate(try YAMLParser.parse(yaml, file: "m.yml"), sources: sources, options: options)
        return try result.tree.emit(style: .boshInt)
    }

    @Test func wholeValuesKeepTheirType() throws {
        let out = try run(
            "a: ((n))\nb: ((m))\nc: ((s))\nd: ((!s))\n",
            vars: ["n=3", "m={x: [1, 2]}", "s=hello"])
        #expect(out == "a: 3\nb:\n  x:\n  - 1\n  - 2\nc: hello\nd: hello\n")
    }

    @Test func insideStringsOnlyStringsAndIntegers() throws {
        #expect(try run("u: http://((h)):((p))/\n", vars: ["h=example.org", "p=8080"]) == "u: http://example.org:8080/\n")
        let error = try #require(throws: VariablesError.self) { try run("u: x((f))\n", vars: ["f=1.5"]) }
        #expect(
            error.message
                == "m.yml:1:4: Invalid type 'float64' for value '1.5' and variable 'f'. Supported types for interpolation within a string are integers and strings.")
    }

    @Test func nestedKeys() throws {
        #expect(try run("u: ((db.creds.user))\n", vars: ["db={creds: {user: admin}}"]) == "u: admin\n")
        let error = try #require(throws: VariablesError.self) { try run("u: ((db.nope))\n", vars: ["db={creds: 1}"]) }
        #expect(error.message == "m.yml:1:4: Finding variable 'db.nope': Expected to find a map key 'nope' for path '/nope' (found map keys: 'creds')")
    }

    /// `((name.path))` inside a variable's value, against what the real `bosh int` v7 printed for each reference
    /// (Fixtures/variable-paths): the path is a go-patch pointer (`b.0` indexes an array, `-1` counts from the
    /// end), tried again with indexes as map keys (`0` is the key `"0"`) when that fails.
    @Test func variablePathsAsBoshCLIReadsThem() throws {
        struct Case: Decodable { let reference: String; let stdout: String?; let error: String? }
        let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/variable-paths")
        let cases = try JSONDecoder().decode([Case].self, from: Data(contentsOf: directory.appendingPathComponent("expected.bosh-int.json")))
        var sources = VariableSources()
        try sources.addVarsFile(YAMLParser.parse(bytes: [UInt8](Data(contentsOf: directory.appendingPathComponent("vars.yml"))), file: "vars.yml"))
        #expect(cases.count == 15)
        for c in cases {
            let manifest = try YAMLParser.parse("v: ((\(c.reference)))\n", file: "m.yml")
            do {
                let result = try Interpolator.interpolate(manifest, sources: sources)
                #expect(try result.tree.emit(style: .boshInt) == c.stdout, "\(c.reference)")
            } catch let error as VariablesError {
                // bosh-cli puts the wrapped error on its own indented line; BoshKit adds where the reference is.
                let expected = c.error.map { "m.yml:1:4: " + $0.replacingOccurrences(of: ":\n  ", with: ": ") }
                #expect(error.message == expected, "\(c.reference)")
            }
        }
    }

    @Test func keysAreInterpolated() throws {
        #expect(try run("((k)): 1\n", vars: ["k=name"]) == "name: 1\n")
    }

    @Test func missingVariablesStayUnlessVarErrs() throws {
        #expect(try run("a: ((x))\nb: ((y))\n") == "a: ((x))\nb: ((y))\n")
        let error = try #require(throws: VariablesError.self) {
            try run("a: ((x))\nb: ((y))\n", options: .init(expectAllKeys: true))
        }
        #expect(error.message == "Expected to find variables: x\ny")
    }

    @Test func unusedVariables() throws {
        let error = try #require(throws: VariablesError.self) {
            try run("a: ((x))\n", vars: ["x=1", "z=2", "b=3"], options: .init(expectAllVarsUsed: true))
        }
        #expect(error.message == "Expected to use variables: b\nz")
    }

    @Test func precedenceFollowsBoshCli() throws {
        var sources = VariableSources()
        try sources.addKeyValue("a=from-kv")
        sources.addVarFile(name: "a", contents: "from-var-file")
        sources.addVarFile(name: "b", contents: "from-var-file")
        try sources.addVarsFile(try YAMLParser.parse("a: from-vars-file\nb: from-vars-file\nc: from-vars-file\n"))
        try sources.addEnvironment(prefix: "BK", environment: ["BK_c": "from-env", "BK_d": "4", "OTHER_e": "x"])
        let result = try Interpolator.interpolate(try YAMLParser.parse("[((a)), ((b)), ((c)), ((d))]"), sources: sources)
        #expect(try result.tree.emit(style: .boshInt) == "- from-kv\n- from-var-file\n- from-vars-file\n- 4\n")
    }

    @Test func keyValuesAreYAML() throws {
        var sources = VariableSources()
        #expect(throws: VariablesError.self) { try sources.addKeyValue("novalue") }
        #expect(throws: VariablesError.self) { try sources.addKeyValue("=x") }
        #expect(throws: VariablesError.self) { try sources.addKeyValue("x=") }
    }

    @Test func cyclicDefinitionsAreAnError() throws {
        let yaml = """
            a: ((first))
            variables:
            - name: first
              type: password
              options: {length: ((second))}
            - name: second
              type: password
              options: {length: ((first))}
            """
        var sources = VariableSources()
        sources.store = try VarsStore(path: FileManager.default.temporaryDirectory.appendingPathComponent("nostore-\(UUID())").path)
        let error = try #require(throws: VariablesError.self) {
            try Interpolator.interpolate(try YAMLParser.parse(yaml, file: "m.yml"), sources: sources)
        }
        #expect(error.message.contains("Detected recursion"))
    }
}

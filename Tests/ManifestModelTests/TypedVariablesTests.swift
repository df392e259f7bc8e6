import BoshYAML
import ManifestModel
import Testing

/// Variables given as typed Swift values, beside the CLI-style `name=value` strings.
@Suite struct TypedVariablesTests {
    func interpolate(_ yaml: String, _ sources: VariableSources) throws -> String {
        try Interpolator.interpolate(try YAMLParser.parse(yaml, file: "m.yml"), sources: sources).tree.emit(style: .boshInt)
    }

    @Test func typedValuesKeepTheirType() throws {
        let sources = VariableSources([
            "port": 8443, "ratio": 1.5, "on": true, "none": nil, "text": "8080",
            "azs": ["z1", "z2"], "tls": ["enabled": true, "ca": "ca-1"],
        ])
        let out = try interpolate(
            "p: ((port))\nr: ((ratio))\nflag: ((on))\nnothing: ((none))\nt: ((text))\na: ((azs))\nc: ((tls.ca))\ntls: ((tls))\nu: https://x:((port))/\n",
            sources)
        #expect(
            out == """
                a:
                - z1
                - z2
                c: ca-1
                flag: true
                nothing: null
                p: 8443
                r: 1.5
                t: "8080"
                tls:
                  ca: ca-1
                  enabled: true
                u: https://x:8443/

                """)
    }

    @Test func typedValuesGiveTheSameResultAsKeyValueStrings() throws {
        var strings = VariableSources()
        try strings.addKeyValue("port=8443")
        try strings.addKeyValue("azs=[z1, z2]")
        var typed = VariableSources()
        typed.add(8443, named: "port")
        typed.add(["azs": ["z1", "z2"]])
        let yaml = "port: ((port))\nazs: ((azs))\n"
        #expect(try interpolate(yaml, typed) == interpolate(yaml, strings))
    }

    @Test func typedValuesHaveTheStrongestPrecedence() throws {
        var sources = VariableSources()
        try sources.addVarsFile(try YAMLParser.parse("domain: from-file\n", file: "vars.yml"))
        sources.add(["domain": "typed"])
        #expect(try interpolate("d: ((domain))\n", sources) == "d: typed\n")
        let list = try YAMLParser.parse("[1, 2]", file: "list")
        sources.addValue(YAMLNode(tree: list, id: try #require(list.root)), named: "domain")
        #expect(try interpolate("d: ((domain))\n", sources) == "d:\n- 1\n- 2\n")
    }

    @Test func oneOpsFileOrSeveral() throws {
        let manifest = try YAMLParser.parse("name: web\ninstances: 1\n", file: "m.yml")
        let scale = try OpsFile(yaml: "- type: replace\n  path: /instances\n  value: 3\n", file: "scale.yml")
        let rename = try OpsFile(yaml: "- type: replace\n  path: /name\n  value: api\n", file: "rename.yml")
        var one = PatchDocument(manifest)
        try one.apply(scale)
        #expect(try one.result.emit(style: .boshInt) == "instances: 3\nname: web\n")
        var both = PatchDocument(manifest)
        try both.apply([scale, rename])
        #expect(try both.result.emit(style: .boshInt) == "instances: 3\nname: api\n")
    }
}

import BoshYAML
import ReleaseSpec
import Testing

/// The real job and package specs of four releases.
@Suite struct SpecCorpusTests {
    @Test(arguments: Fixtures.specFiles(kind: "jobs"))
    func everyJobSpecReads(_ path: String) throws {
        let spec = try JobSpec(bytes: try Fixtures.specBytes(path), file: path)
        let directory = path.split(separator: "/").dropLast().last.map(String.init)
        #expect(spec.name == directory)
        for property in spec.properties { #expect(!property.name.isEmpty) }
    }

    @Test(arguments: Fixtures.specFiles(kind: "packages"))
    func everyPackageSpecReads(_ path: String) throws {
        let spec = try PackageSpec(bytes: try Fixtures.specBytes(path), file: path)
        #expect(spec.name == path.split(separator: "/").dropLast().last.map(String.init))
        #expect(!spec.files.isEmpty)
    }

    @Test func corpusCounts() {
        #expect(Fixtures.specFiles(kind: "jobs").count == 28)  // SOURCES.md says 27; os-conf has 19
        #expect(Fixtures.specFiles(kind: "packages").count == 13)
    }

    @Test func natsJobSpec() throws {
        let spec = try JobSpec(bytes: try Fixtures.specBytes("nats-release/jobs/nats/spec"))
        #expect(spec.templates.first == JobTemplate(source: "nats.conf.erb", destination: "config/nats.conf"))
        #expect(spec.packages == ["gnatsd", "nats-server", "nats-v2-migrate", "pid_utils"])
        #expect(spec.provides.first?.name == "nats")
        #expect(spec.provides.first?.properties.first == "nats.user")
        #expect(spec.consumes.map(\.optional) == [true, true])
        let port = try #require(spec.properties.first { $0.name == "nats.port" })
        #expect(port.description == "The port for the NATS server to listen on.")
        #expect(port.defaultValue?.scalar == .int(4222))
        #expect(spec.properties.first { $0.name == "nats.user" }?.defaultValue == nil)
    }

    @Test func misspeltDescriptionIsIgnored() throws {
        let spec = try JobSpec(bytes: try Fixtures.specBytes("nats-release/jobs/nats-tls/spec"))
        let property = try #require(spec.properties.first { $0.defaultValue?.scalar == .bool(true) })
        #expect(property.description == nil)
    }

    @Test func tabInsideAPlainScalarIsAccepted() throws {
        let spec = try JobSpec(bytes: try Fixtures.specBytes("os-conf-release/jobs/harden_sshd/spec"))
        #expect(spec.properties.contains { $0.description?.contains("\t") == true })
    }

    @Test func packageGlobsKeepDoubleStarAndDropComments() throws {
        let spec = try PackageSpec(bytes: try Fixtures.specBytes("bpm-release/packages/bpm/spec"))
        #expect(spec.dependencies == ["golang-1-linux", "bpm-runc", "tini"])
        #expect(spec.files.contains("bpm/**/*.go"))
        #expect(spec.files.allSatisfy { !$0.contains("#") })
    }

    @Test func provideLinksMayNotBeOptional() throws {
        let error = try #require(throws: ReleaseSpecError.self) {
            try JobSpec(bytes: Array("name: j\nprovides:\n- {name: a, type: t, optional: true}\n".utf8), file: "spec")
        }
        #expect(
            error.description
                == "spec:3:3: /provides/0: link 'a' is a provides link, not allowed to have 'optional' key")
    }

    @Test func wrongTypesNameThePath() throws {
        let cases: [(String, String)] = [
            ("name: j\nproperties: [a]\n", "spec:2:13: /properties: expected a mapping, got a sequence"),
            ("name: j\ntemplates: {a: {b: c}}\n", "spec:2:16: /templates/a: expected a string, got a mapping"),
            ("name: j\nconsumes: [{name: a}]\n", "spec:2:12: /consumes/0/type: required field is missing or empty"),
            ("name: j\nlogs: [x]\n", "spec:2:7: /logs: expected a mapping, got a sequence"),
            ("- just a list\n", "spec:1:1: /: a job spec must be a YAML mapping, got a sequence"),
        ]
        for (yaml, message) in cases {
            let error = try #require(throws: ReleaseSpecError.self) {
                try JobSpec(bytes: Array(yaml.utf8), file: "spec")
            }
            #expect(error.description == message)
            #expect(error.kind == .invalidField)
        }
    }
}

import AgentProtocol
import Foundation
import Testing

/// A message type that can be passed between test cases.
typealias WireType = Codable & Sendable

@Suite("JSON conformance: decode → encode gives the same JSON value")
struct ConformanceTests {
    static func each(_ names: [String], as type: any WireType.Type) -> [(String, any WireType.Type)] {
        names.map { ($0, type) }
    }

    /// Each fixture with the type it decodes as.
    static let cases: [(String, any WireType.Type)] = {
        var cases = each(
            [
                "agent-request-ping.json", "agent-request-ping-args.json", "director-request-generic.json",
                "director-request-upload_blob-redacted.json", "boshkit-request-get_state-full.json",
            ], as: AgentRequest.self)
        cases += each(Fixtures.names(prefix: "agent-response-") + ["boshkit-get_state-full.json"], as: AgentResponse.self)
        cases += each(["agent-heartbeat.json", "agent-heartbeat-nulls.json", "boshkit-heartbeat-full.json"], as: Heartbeat.self)
        cases += each(["agent-settings-dummy-cpi.json", "agent-settings-generic.json"], as: AgentSettings.self)
        cases += each(["boshkit-apply-spec.json", "boshkit-apply-spec-null-index.json"], as: ApplySpec.self)
        cases += each(["agent-get_task-running-value.json"], as: AgentTaskHandle.self)
        cases += each(["boshkit-alert.json"], as: Alert.self)
        cases += each(["boshkit-update-settings.json"], as: UpdateSettings.self)
        return cases
    }()

    @Test(arguments: cases) func roundTrips(_ name: String, _ type: any WireType.Type) throws {
        let (original, reencoded) = try roundTrip(type, try Fixtures.data(name))
        #expect(original == reencoded, "\(name) as \(type)")
    }

    @Test func getStateValueRoundTripsAsAgentState() throws {
        let reply = try JSONDecoder().decode(AgentResponse.self, from: try Fixtures.data("boshkit-get_state-full.json"))
        guard case .value(let value) = reply else { Issue.record("not a value"); return }
        let state = try JSONDecoder().decode(AgentState.self, from: try JSONEncoder().encode(value))
        #expect(state.agentID == "agent-123")
        #expect(state.jobState == "running")
        #expect(state.vitals?.uptime.seconds == 12345)
        #expect(state.processes?.first?.mem?.kb == 20480)
        #expect(state.spec.networks?["default"]?["ip"] == "10.0.0.5")
        #expect(state.spec.otherMembers.isEmpty)
        let again = try JSONDecoder().decode(JSONValue.self, from: try JSONEncoder().encode(state))
        #expect(again == value)
    }

    @Test func typedFieldsOfTheApplySpec() throws {
        let spec = try JSONDecoder().decode(ApplySpec.self, from: try Fixtures.data("boshkit-apply-spec.json"))
        #expect(spec.deployment == "cf")
        #expect(spec.job?.templates?.map(\.name) == ["gorouter", "bpm"])
        #expect(spec.job?.otherMembers["release"] == "")
        #expect(spec.packages?["golang"]?.sha1 == "sha256:aa11bb22;5e6f7a")
        #expect(spec.renderedTemplatesArchive?.blobstoreID == "5a6b7c8d")
        #expect(spec.otherMembers["bootstrap"] == true)
        #expect(spec.otherMembers["dns_domain_name"] == "bosh")
        let empty = try JSONDecoder().decode(ApplySpec.self, from: try Fixtures.data("boshkit-apply-spec-null-index.json"))
        #expect(empty.index == nil)
        #expect(empty.otherMembers["index"] == .null)
    }

    @Test func anExplicitNullGivesWayToAValueSetLater() throws {
        var spec = try JSONDecoder().decode(ApplySpec.self, from: Data(#"{"index": null}"#.utf8))
        spec.index = 3
        let json = try JSONDecoder().decode(JSONValue.self, from: try JSONEncoder().encode(spec))
        #expect(json["index"] == 3)
    }

    @Test func heartbeatSendsNullsAndStringVitals() throws {
        let heartbeat = Heartbeat(
            deployment: "cf", jobState: "running",
            vitals: Vitals(cpu: .init(sys: "0.5"), mem: .init(kb: "100", percent: "1"), uptime: .init(seconds: 7)),
            nodeID: "node")
        let json = try JSONDecoder().decode(JSONValue.self, from: try JSONEncoder().encode(heartbeat))
        #expect(json["job"] == .null)
        #expect(json["index"] == .null)
        #expect(json["number_of_processes"] == .null)
        #expect(json["vitals"]?["cpu"]?["sys"] == "0.5")
        #expect(json["vitals"]?["uptime"]?["secs"] == 7)
        #expect(json["vitals"]?["disk"] == nil)
    }

    @Test func settingsPrecedence() throws {
        let generic = try AgentSettings.decode(try Fixtures.data("agent-settings-generic.json"))
        #expect(generic.agentID == "agent-id-bosh-0")
        #expect(generic.mbusURLs() == ["https://user:password@127.0.0.1:4321/agent"])
        #expect(generic.effectiveBlobstore()?.provider == "local")
        #expect(generic.networks?["default"]?["default"] == .null)

        let env = try Fixtures.json("agent-settings-env-blobstores.json").objectValue
        let withEnv = AgentSettings(agentID: "a", blobstore: generic.blobstore, env: env, mbus: "nats://top:4222")
        #expect(withEnv.effectiveBlobstore()?.provider == "s3")
        #expect(withEnv.bosh?.parallel == 10)
        let update = UpdateSettings(blobstores: [BlobstoreSettings(provider: "gcs")], mbus: MbusSettings(urls: ["nats://new:4222"]))
        #expect(withEnv.effectiveBlobstore(update: update)?.provider == "gcs")
        #expect(withEnv.mbusURLs(update: update) == ["nats://new:4222"])
        #expect(withEnv.mbusURLs() == ["nats://top:4222"])

        let certEnv = try Fixtures.json("agent-settings-env-mbus-cert.json").objectValue
        let withCert = AgentSettings(agentID: "a", env: certEnv)
        #expect(withCert.mbusCertificate()?.certificate == "fake-certificate-pem")
        #expect(withCert.mbusCertificate()?.privateKey == "fake-private-key-pem")
    }

    @Test func persistentHintsReadPathsAndObjectsOnly() {
        let disks = AgentSettings.Disks(persistent: [
            "disk-path": "/dev/sdf", "disk-object": ["lun": "0"], "disk-null": .null, "disk-number": 5,
        ])
        #expect(disks.persistentHint("disk-path") == .path("/dev/sdf"))
        #expect(disks.persistentHint("disk-object") == .properties(["lun": "0"]))
        #expect(disks.persistentHint("disk-null") == nil)
        #expect(disks.persistentHint("disk-number") == nil)
        #expect(disks.persistentHint("disk-missing") == nil)
    }

    @Test func settingsErrorsNameTheProblem() throws {
        #expect(throws: AgentError(code: .invalidSettings, message: "")) {
            try AgentSettings.decode(Data(#"{"blobstore": {}}"#.utf8), source: "settings.json")
        }
        do {
            _ = try AgentSettings.decode(Data(#"{"agent_id": 5}"#.utf8), source: "settings.json")
        } catch let error as AgentError {
            #expect(error.description.contains("settings.json"))
            #expect(error.description.contains("agent_id"))
        }
        #expect(throws: AgentError(code: .invalidSettings, message: "")) {
            try AgentSettings.read(contentsOf: URL(fileURLWithPath: "/nonexistent/settings.json"))
        }
    }

    @Test func subjects() {
        #expect(AgentSubjects.agent("a1") == "agent.a1")
        #expect(AgentSubjects.reply(directorUUID: "d", agentID: "a1", requestID: "r") == "director.d.a1.r")
        #expect(AgentSubjects.requestID(ofReply: "director.d.a1.r-9") == "r-9")
        #expect(AgentSubjects.heartbeat("a1") == "hm.agent.heartbeat.a1")
        #expect(AgentSubjects.alert("a1") == "hm.agent.alert.a1")
        #expect(AgentSubjects.shutdown("a1") == "hm.agent.shutdown.a1")
    }

    @Test func exceptionShapesTheDirectorTolerates() throws {
        let bare = try JSONDecoder().decode(AgentResponse.self, from: Data(#"{"exception": "boom"}"#.utf8))
        #expect(bare == .exception(AgentException("boom")))
        let rich = try JSONDecoder().decode(
            AgentResponse.self, from: Data(#"{"exception": {"message": "m", "blobstore_id": "b", "backtrace": ["x"]}}"#.utf8))
        #expect(rich == .exception(AgentException("m", backtrace: ["x"], blobstoreID: "b")))
        #expect(AgentResponse.unknownMessage("fake-action") == .exception(AgentException("unknown message fake-action")))
    }
}

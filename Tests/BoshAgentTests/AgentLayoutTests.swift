import AgentProtocol
import Foundation
import Testing

@testable import BoshAgent

@Suite struct AgentLayoutTests {
    @Test func rootComesFromTheFlagThenTheEnvironmentThenTheSettingsDirectory() {
        let settings = "/vms/vm-1/settings.json"
        #expect(AgentLayout.resolveRoot(explicit: "/r", environment: ["BOSHKIT_VM_DIR": "/e"], settingsPath: settings).path == "/r")
        #expect(AgentLayout.resolveRoot(explicit: nil, environment: ["BOSHKIT_VM_DIR": "/e"], settingsPath: settings).path == "/e")
        #expect(AgentLayout.resolveRoot(explicit: nil, environment: [:], settingsPath: settings).path == "/vms/vm-1")
    }

    @Test func varVcapIsRewrittenUnderTheRoot() {
        let layout = AgentLayout(root: URL(fileURLWithPath: "/vms/vm-1"))
        #expect(layout.rewrite("a /var/vcap/jobs/x and /var/vcap") == "a /vms/vm-1/var/vcap/jobs/x and /vms/vm-1/var/vcap")
        let bytes: [UInt8] = [0xff, 0x00] + Array("/var/vcap/sys".utf8) + [0xfe]
        #expect(layout.rewrite(bytes) == [0xff, 0x00] + Array("/vms/vm-1/var/vcap/sys".utf8) + [0xfe])
        #expect(layout.packageData("ruby", version: "v1").path == "/vms/vm-1/var/vcap/data/packages/ruby/v1")
        #expect(layout.jobData("web", configurationHash: "h").path == "/vms/vm-1/var/vcap/data/jobs/web/h")
    }

    @Test func aSymlinkIsReplacedInPlace() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("agent-layout-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let layout = AgentLayout(root: root)
        try layout.createBaseDirectories()
        let link = layout.packages.appendingPathComponent("ruby")
        try layout.replaceSymlink(link, to: layout.packageData("ruby", version: "1"))
        try layout.replaceSymlink(link, to: layout.packageData("ruby", version: "2"))
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link.path) == layout.packageData("ruby", version: "2").path)
        #expect(try FileManager.default.contentsOfDirectory(atPath: layout.packages.path) == ["ruby"])
    }
}

@Suite struct AgentMbusTests {
    private func settings(cert: [String: String]?, urls: [String]? = nil) throws -> AgentSettings {
        var mbus: [String: Any] = [:]
        if let cert { mbus["cert"] = cert }
        if let urls { mbus["urls"] = urls }
        let json: [String: Any] = ["agent_id": "a1", "mbus": "nats://127.0.0.1:4222", "env": ["bosh": ["mbus": mbus]]]
        return try AgentSettings.decode(try JSONSerialization.data(withJSONObject: json))
    }

    @Test func mutualTLSWhenTheSettingsCarryACertificate() throws {
        let options = try AgentMbus.natsOptions(for: settings(cert: ["ca": "CA", "certificate": "CERT", "private_key": "KEY"]))
        #expect(options.servers == ["nats://127.0.0.1:4222"])
        #expect(options.maxReconnectAttempts == nil)
        let tls = try #require(options.tls)
        #expect(tls.trustRoots == .pem("CA"))
        #expect(tls.clientCertificate == .pem("CERT"))
        #expect(tls.privateKey == .pem("KEY"))
        guard case .certificateNames(let pattern) = tls.serverNameCheck else {
            Issue.record("expected a certificate name check")
            return
        }
        #expect(pattern == "*.nats.bosh-internal")
    }

    @Test func plainWithoutACertificateAndURLsFromEnvFirst() throws {
        let options = try AgentMbus.natsOptions(for: settings(cert: nil, urls: ["nats://10.0.0.6:4222"]))
        #expect(options.tls == nil)
        #expect(options.servers == ["nats://10.0.0.6:4222"])
    }

    @Test func anIncompleteCertificateIsRefused() throws {
        #expect(throws: AgentFailure.self) { try AgentMbus.natsOptions(for: settings(cert: ["ca": "CA"])) }
    }
}

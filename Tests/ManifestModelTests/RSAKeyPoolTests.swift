import BoshYAML
import Foundation
@testable import ManifestModel
import Testing

/// RSA keys made ahead and at once for a vars store: the store's names, order and value shapes stay as they were.
struct RSAKeyPoolTests {
    @Test func keysOfEachAskedSizeThenFreshOnes() throws {
        let pool = try RSAKeyPool(generating: [(bits: 2048, count: 2), (bits: 3072, count: 1)])
        for bits in [2048, 2048, 3072, 2048, 3072] {
            let key = try pool.take(bits: bits)
            #expect(try key.rsaComponents().n.count * 8 == bits)
            #expect(try key.privateKeyPEM().hasPrefix("-----BEGIN RSA PRIVATE KEY-----\n"))
        }
    }

    @Test func generatedKeysPassOpenSSLsCheck() throws {
        for bits in [2048, 3072] {
            #expect(RSAKeyGeneration.handles(bits: bits))
            let key = try RSAKeyGeneration.generate(bits: bits)
            #expect(try key.rsaComponents().n.count * 8 == bits)
            #expect(try key.rsaComponents().e == [0x01, 0x00, 0x01])
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("boshkit-key-\(UUID().uuidString).pem")
            defer { try? FileManager.default.removeItem(at: file) }
            let pem = try key.privateKeyPEM()
            #expect(pem.hasPrefix("-----BEGIN RSA PRIVATE KEY-----\n"))
            try pem.write(to: file, atomically: true, encoding: .utf8)
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
            p.arguments = ["rsa", "-in", file.path, "-check", "-noout"]
            let pipe = Pipe()
            p.standardOutput = pipe
            p.standardError = pipe
            try p.run()
            let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            p.waitUntilExit()
            #expect(p.terminationStatus == 0 && output.contains("RSA key ok"), "\(output)")
        }
    }

    @Test func keySizesFollowTheDefinitions() throws {
        func options(_ yaml: String) throws -> YAMLNode {
            let tree = try YAMLParser.parse(yaml, file: "options.yml")
            return YAMLNode(tree: tree, id: try #require(tree.root))
        }
        #expect(VariableGenerator.rsaKeyBits(type: "certificate", options: nil) == 3072)
        #expect(VariableGenerator.rsaKeyBits(type: "certificate", options: try options("{is_ca: true, key_length: 4096}")) == 4096)
        #expect(VariableGenerator.rsaKeyBits(type: "certificate", options: try options("{key_length: 1024}")) == nil)
        #expect(VariableGenerator.rsaKeyBits(type: "certificate", options: try options("{key_length: ((size))}")) == nil)
        #expect(VariableGenerator.rsaKeyBits(type: "rsa", options: nil) == 2048)
        #expect(VariableGenerator.rsaKeyBits(type: "ssh", options: nil) == 2048)
        #expect(VariableGenerator.rsaKeyBits(type: "password", options: nil) == nil)
        #expect(VariableGenerator.rsaKeyBits(type: "user", options: nil) == nil)
        // One key is made where it is needed: nothing to do at once.
        #expect(try RSAKeyPool.ahead(for: [("password", nil), ("certificate", nil), ("user", nil)]) == nil)
    }

    @Test func storeHasTheSameNamesOrderAndShapes() throws {
        let manifest = """
            a: ((server))
            variables:
            - name: server
              type: certificate
              options: {ca: ca, common_name: server, key_length: 2048}
            - name: pw
              type: password
            - name: ca
              type: certificate
              options: {is_ca: true, common_name: CA, key_length: 2048}
            - name: client
              type: certificate
              options: {ca: ca, common_name: client, key_length: 2048, extended_key_usage: [client_auth]}
            - name: signing
              type: rsa
            - name: jumpbox
              type: ssh
            - name: given
              type: certificate
              options: {ca: ca, key_length: 2048}
            """
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("boshkit-pool-\(UUID().uuidString).yml").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        var sources = VariableSources()
        try sources.addKeyValue("given=already")
        sources.store = try VarsStore(path: path)
        _ = try Interpolator.interpolate(try YAMLParser.parse(manifest, file: "manifest.yml"), sources: sources)
        let store = try VarsStore(path: path)
        // Every typed variable the store lacked, written sorted by name as bosh writes it; the static one not at all.
        #expect(store.values.map(\.name) == ["ca", "client", "jumpbox", "pw", "server", "signing"])
        #expect(store["server"]?["ca"]?.string == store["ca"]?["certificate"]?.string)
        #expect(store["client"]?["ca"]?.string == store["ca"]?["certificate"]?.string)
        #expect(store["signing"]?["public_key"]?.string?.hasPrefix("-----BEGIN PUBLIC KEY-----") == true)
        #expect(store["jumpbox"]?["public_key"]?.string?.hasPrefix("ssh-rsa ") == true)
        let keys = Set(["ca", "server", "client", "signing", "jumpbox"].compactMap { store[$0]?["private_key"]?.string })
        #expect(keys.count == 5)
    }
}

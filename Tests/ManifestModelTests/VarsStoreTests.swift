import BoshYAML
import Foundation
import ManifestModel
import Testing

/// `--vars-store` generation with the system OpenSSL, checked with the real `openssl` command.
@Suite(.serialized) struct VarsStoreTests {
    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("boshkit-vars-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    static let manifest = """
        name: app
        tls: ((server))
        password: ((pw))
        variables:
        - name: server
          type: certificate
          options:
            ca: ca
            common_name: server.example.com
            alternative_names: [server.example.com, "*.internal", 10.0.0.7]
            extended_key_usage: [client_auth, server_auth]
            duration: 30
            key_length: 2048
        - name: ca
          type: certificate
          options: {is_ca: true, common_name: Test CA, key_length: 2048}
        - name: pw
          type: password
        - name: admin
          type: user
          options: {username: admin}
        - name: signing
          type: rsa
        - name: jumpbox
          type: ssh
        """

    func interpolate(_ yaml: String, store: String) throws -> Interpolator.Result {
        var sources = VariableSources()
        sources.store = try VarsStore(path: store)
        return try Interpolator.interpolate(try YAMLParser.parse(yaml, file: "manifest.yml"), sources: sources)
    }

    func openssl(_ arguments: [String]) throws -> (Int32, String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        p.arguments = arguments
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardError = pipe
        try p.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test func generatesEveryTypeAndOpenSSLAgrees() throws {
        let storePath = directory.appendingPathComponent("creds.yml").path
        let result = try interpolate(Self.manifest, store: storePath)
        let store = try VarsStore(path: storePath)
        // Written with mode 0600.
        let attributes = try FileManager.default.attributesOfItem(atPath: storePath)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        #expect(Set(store.values.map(\.name)) == ["server", "ca", "pw", "admin", "signing", "jumpbox"])

        // The CA, defined after the certificate, signed it.
        let ca = try #require(store["ca"]?["certificate"]?.string)
        let cert = try #require(store["server"]?["certificate"]?.string)
        #expect(store["server"]?["ca"]?.string == ca)
        let caFile = directory.appendingPathComponent("ca.pem")
        let certFile = directory.appendingPathComponent("cert.pem")
        try ca.write(to: caFile, atomically: true, encoding: .utf8)
        try cert.write(to: certFile, atomically: true, encoding: .utf8)
        let (status, verify) = try openssl(["verify", "-CAfile", caFile.path, certFile.path])
        #expect(status == 0, "\(verify)")
        let (_, text) = try openssl(["x509", "-in", certFile.path, "-noout", "-text"])
        #expect(text.contains("DNS:server.example.com, DNS:*.internal, IP Address:10.0.0.7"))
        #expect(text.contains("TLS Web Client Authentication, TLS Web Server Authentication"))
        #expect(text.contains("CN = server.example.com"))
        #expect(text.contains("CA:FALSE"))
        let (_, caText) = try openssl(["x509", "-in", caFile.path, "-noout", "-text"])
        #expect(caText.contains("CA:TRUE"))

        // The private key matches the certificate.
        let keyFile = directory.appendingPathComponent("key.pem")
        try #require(store["server"]?["private_key"]?.string).write(to: keyFile, atomically: true, encoding: .utf8)
        let (_, certModulus) = try openssl(["x509", "-in", certFile.path, "-noout", "-modulus"])
        let (_, keyModulus) = try openssl(["rsa", "-in", keyFile.path, "-noout", "-modulus"])
        #expect(certModulus == keyModulus)

        // Other types.
        let password = try #require(store["pw"]?.string)
        #expect(password.count == 20 && password.allSatisfy { $0.isLowercase || $0.isNumber })
        #expect(store["admin"]?["username"]?.string == "admin")
        #expect(store["signing"]?["public_key"]?.string?.hasPrefix("-----BEGIN PUBLIC KEY-----") == true)
        #expect(store["jumpbox"]?["public_key"]?.string?.hasPrefix("ssh-rsa AAAA") == true)
        #expect(store["jumpbox"]?["public_key_fingerprint"]?.string?.split(separator: ":").count == 16)

        // The manifest got the generated values.
        let out = try result.tree.emit(style: .boshInt)
        #expect(out.contains("password: \(password)\n"))
        #expect(out.contains("-----BEGIN CERTIFICATE-----"))
    }

    @Test func existingValuesAreKeptAndChangedOptionsReported() throws {
        let storePath = directory.appendingPathComponent("creds.yml").path
        let manifest = """
            a: ((pw))
            c: ((cert.certificate))
            variables:
            - {name: pw, type: password}
            - name: ca
              type: certificate
              options: {is_ca: true, common_name: ca, key_length: 2048}
            - name: cert
              type: certificate
              options: {ca: ca, common_name: c, alternative_names: [a.example], key_length: 2048}
            """
        _ = try interpolate(manifest, store: storePath)
        let first = try VarsStore(path: storePath)
        let changed = manifest.replacingOccurrences(of: "[a.example]", with: "[a.example, b.example]")
        let second = try interpolate(changed, store: storePath)
        let after = try VarsStore(path: storePath)
        #expect(after["pw"] == first["pw"])
        #expect(after["cert"] == first["cert"])
        #expect(second.warnings.count == 1)
        #expect(second.warnings.first?.contains("variable 'cert': options changed since it was generated (alternative_names)") == true)
    }

    @Test func nothingIsWrittenWhenGenerationFails() throws {
        let storePath = directory.appendingPathComponent("creds.yml").path
        let manifest = """
            a: ((pw))
            variables:
            - {name: pw, type: password}
            - {name: bad, type: certificate, options: {ca: missing_ca, common_name: x}}
            """
        #expect(throws: VariablesError.self) { try interpolate(manifest, store: storePath) }
        #expect(!FileManager.default.fileExists(atPath: storePath))
    }

    @Test func aStoreThatIsNotYAMLIsAClearError() throws {
        let storePath = directory.appendingPathComponent("bad.yml").path
        try "a: [\n".write(toFile: storePath, atomically: true, encoding: .utf8)
        let error = try #require(throws: VariablesError.self) { try VarsStore(path: storePath) }
        #expect(error.message.contains("Deserializing variables file store '\(storePath)'"))
        try "- a\n".write(toFile: storePath, atomically: true, encoding: .utf8)
        #expect(throws: VariablesError.self) { try VarsStore(path: storePath) }
    }

    @Test func unknownTypeIsAnError() throws {
        let storePath = directory.appendingPathComponent("creds.yml").path
        let error = try #require(throws: VariablesError.self) {
            try interpolate("a: ((x))\nvariables:\n- {name: x, type: magic}\n", store: storePath)
        }
        #expect(error.message.contains("Generating variable 'x': unsupported variable type 'magic'"))
    }
}

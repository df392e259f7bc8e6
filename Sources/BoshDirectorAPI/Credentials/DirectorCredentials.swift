import BoshYAML
import Foundation
import ManifestModel

/// The director's TLS certificate (signed by its own CA) and the `admin` password, generated on first start
/// into a vars store in the state directory (mode 0600) and kept.
///
/// The server certificate has an RSA key (the bosh CLI offers only ECDHE-RSA-AES-GCM under TLS 1.2) and the
/// SANs `127.0.0.1`, `localhost` and the listen address (IP SANs for addresses, as Go requires).
public struct DirectorCredentials: Sendable, Hashable {
    /// The CA certificate (PEM) clients trust: `BOSH_CA_CERT`.
    public var ca: String
    /// The server certificate (PEM).
    public var certificate: String
    /// The server's private key (PEM).
    public var privateKey: String
    /// The user name (`admin`).
    public var user: String
    /// The password.
    public var password: String

    /// The vars store of a state directory: `<state>/director/creds.yml`.
    public static func storePath(stateDirectory: String) -> String { stateDirectory + "/director/creds.yml" }

    /// Loads the credentials of `stateDirectory`, generating what is missing; a listen address not covered by
    /// the kept certificate gets a new server certificate (same CA).
    /// - Throws: ``DirectorAPIError`` naming the vars store when it cannot be read, generated or written.
    public static func loadOrGenerate(stateDirectory: String, listen: String) throws -> DirectorCredentials {
        let path = storePath(stateDirectory: stateDirectory)
        var names = ["127.0.0.1", "localhost"]
        if !names.contains(listen), listen != "0.0.0.0", listen != "::" { names.append(listen) }
        let certificateName = "director_ssl_" + names.joined(separator: "_").map { $0.isLetter || $0.isNumber ? $0 : "_" }
            .reduce(into: "") { $0.append($1) }
        let document = """
            variables:
            - name: director_ca
              type: certificate
              options:
                is_ca: true
                common_name: boshkit-director-ca
                key_length: 2048
                duration: 3650
            - name: \(certificateName)
              type: certificate
              options:
                ca: director_ca
                common_name: \(names.last ?? "127.0.0.1")
                alternative_names: [\(names.map { "\"\($0)\"" }.joined(separator: ", "))]
                extended_key_usage: [server_auth]
                key_length: 2048
                duration: 3650
            - name: admin_password
              type: password

            """
        do {
            try FileManager.default.createDirectory(
                atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true,
                attributes: [.posixPermissions: 0o700])
            var sources = VariableSources()
            sources.store = try VarsStore(path: path)
            let tree = try YAMLParser.parse(document, file: "<director credentials>")
            let result = try Interpolator.interpolate(tree, sources: sources, options: .init(expectAllKeys: true))
            guard let store = result.sources.store, let server = store[certificateName],
                let certificate = server["certificate"]?.string, let key = server["private_key"]?.string,
                let ca = server["ca"]?.string, let password = store["admin_password"]?.string
            else { throw DirectorAPIError.credentials(path: path, reason: "the vars store lacks the generated values") }
            return DirectorCredentials(ca: ca, certificate: certificate, privateKey: key, user: "admin", password: password)
        } catch let error as DirectorAPIError {
            throw error
        } catch {
            throw DirectorAPIError.credentials(path: path, reason: "\(error)")
        }
    }
}

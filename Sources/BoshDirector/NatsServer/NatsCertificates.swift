import BoshYAML
import Foundation
import ManifestModel

/// The certificates of the local NATS server, generated on first use by ManifestModel's variable generator
/// (real OpenSSL) into the vars store `<state>/nats/certs.yml` (mode 0600) and reused afterwards.
///
/// A CA; a server certificate for `default.nats.bosh-internal` with the SAN `*.nats.bosh-internal`; client
/// certificates for the director (and health monitor) and for agents.
struct NatsCertificates: Sendable, Hashable {
    struct Pair: Sendable, Hashable {
        var certificate: String
        var privateKey: String
    }

    var ca: String
    var server: Pair
    var director: Pair
    var agent: Pair

    /// The variables document: what is generated, with which names and usages.
    static let variablesDocument = """
        variables:
        - name: nats_ca
          type: certificate
          options:
            is_ca: true
            common_name: default.nats-ca.bosh-internal
            key_length: 2048
            duration: 3650
        - name: nats_server_tls
          type: certificate
          options:
            ca: nats_ca
            common_name: default.nats.bosh-internal
            alternative_names: ["*.nats.bosh-internal"]
            extended_key_usage: [server_auth]
            key_length: 2048
            duration: 3650
        - name: nats_director_tls
          type: certificate
          options:
            ca: nats_ca
            common_name: default.director.bosh-internal
            extended_key_usage: [client_auth]
            key_length: 2048
            duration: 3650
        - name: nats_agent_tls
          type: certificate
          options:
            ca: nats_ca
            common_name: default.agent.bosh-internal
            extended_key_usage: [client_auth]
            key_length: 2048
            duration: 3650

        """

    /// Loads the certificates from `storePath`, generating whatever is missing (and saving the store).
    static func loadOrGenerate(storePath: String) throws -> NatsCertificates {
        do {
            var sources = VariableSources()
            sources.store = try VarsStore(path: storePath)
            let tree = try YAMLParser.parse(variablesDocument, file: "<nats certificates>")
            let result = try Interpolator.interpolate(tree, sources: sources, options: .init(expectAllKeys: true))
            guard let store = result.sources.store else {
                throw LocalNatsServerError.certificates(path: storePath, reason: "no vars store after generation")
            }
            func pair(_ name: String) throws -> (Pair, String) {
                guard let value = store[name], let certificate = value["certificate"]?.string,
                    let key = value["private_key"]?.string, let ca = value["ca"]?.string
                else {
                    throw LocalNatsServerError.certificates(path: storePath, reason: "variable '\(name)' is not a certificate with ca, certificate and private_key")
                }
                return (Pair(certificate: certificate, privateKey: key), ca)
            }
            let (caPair, _) = try pair("nats_ca")
            let (server, serverCA) = try pair("nats_server_tls")
            let (director, directorCA) = try pair("nats_director_tls")
            let (agent, agentCA) = try pair("nats_agent_tls")
            guard serverCA == caPair.certificate, directorCA == caPair.certificate, agentCA == caPair.certificate else {
                throw LocalNatsServerError.certificates(
                    path: storePath, reason: "the stored certificates were not all signed by nats_ca; remove the file to regenerate them")
            }
            return NatsCertificates(ca: caPair.certificate, server: server, director: director, agent: agent)
        } catch let error as LocalNatsServerError {
            throw error
        } catch {
            throw LocalNatsServerError.certificates(path: storePath, reason: "\(error)")
        }
    }
}

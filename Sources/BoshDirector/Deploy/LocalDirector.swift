import AgentProtocol
import CPIProtocol
import Foundation
import Logging
import NatsClient

/// A director for one machine: deploys manifests through a CPI executable and agents on NATS, keeps the
/// state of deployments in a directory, and serves the health monitor.
///
/// ```swift
/// let director = try await LocalDirector.open(configuration)
/// defer { Task { await director.close() } }
/// let report = try await director.deploy(request, output: TaskOutputPrinter(...))
/// ```
public final class LocalDirector: Sendable {
    /// The configuration it was opened with.
    public let configuration: DirectorConfiguration
    /// The state layout.
    public let layout: DirectorLayout
    /// The records.
    public let store: DirectorStore
    /// The director UUID.
    public let uuid: String

    let blobstore: LocalBlobstore
    let cpi: CPIClient
    let nats: NatsClient
    let agents: AgentClient
    /// The NATS URL agents are given.
    let natsURL: String
    /// The agents' `env.bosh.mbus.cert` (mutual TLS with the local NATS server), `nil` with `--nats`.
    let agentCertificate: MbusCertificate?
    let logger: Logger

    private init(
        configuration: DirectorConfiguration, layout: DirectorLayout, uuid: String, cpi: CPIClient, nats: NatsClient,
        agents: AgentClient, blobstore: LocalBlobstore, natsURL: String, agentCertificate: MbusCertificate?
    ) {
        self.configuration = configuration
        self.layout = layout
        self.store = DirectorStore(layout: layout)
        self.uuid = uuid
        self.blobstore = blobstore
        self.cpi = cpi
        self.nats = nats
        self.agents = agents
        self.natsURL = natsURL
        self.agentCertificate = agentCertificate
        self.logger = configuration.logger
    }

    /// Opens the director: creates the state directory, starts (or reuses) the local NATS server unless
    /// ``DirectorConfiguration/natsURL`` is set, and connects to it.
    /// - Throws: ``DirectorError`` when NATS cannot be reached, with the URL and the reason.
    public static func open(_ configuration: DirectorConfiguration) async throws -> LocalDirector {
        let layout = DirectorLayout(root: configuration.stateDirectory)
        try layout.create()
        let store = DirectorStore(layout: layout)
        let uuid = try store.director().uuid
        let options: NatsClientOptions
        let agentCertificate: MbusCertificate?
        if let url = configuration.natsURL {
            options = NatsClientOptions(servers: [url], name: "boshkit-director", connectTimeout: .seconds(10), allowReconnect: false)
            agentCertificate = nil
        } else {
            let endpoint = try await LocalNatsServer.ensureRunning(stateDirectory: layout.root, logger: configuration.logger)
            options = endpoint.directorClientOptions()
            agentCertificate = endpoint.agentMbusCertificate
        }
        let natsURL = options.servers.first ?? ""
        let nats: NatsClient
        do {
            nats = try await NatsClient.connect(options, logger: configuration.logger)
        } catch {
            throw DirectorError("Cannot connect to NATS at \(natsURL): \(error)")
        }
        let agents = try await AgentClient.start(
            nats: nats,
            configuration: AgentClient.Configuration(
                directorUUID: uuid, timeouts: [.stop: .seconds(300), .syncDNS: .seconds(10), .getState: .seconds(5)]),
            logger: configuration.logger)
        guard let executable = configuration.cpiCommand.first else { throw DirectorError("No CPI command configured") }
        let blobstore = try LocalBlobstore(directory: layout.blobstoreDirectory)
        var agentProperties: [String: JSONValue] = ["mbus": .string(natsURL)]
        agentProperties["blobstore"] = try JSONDecoder().decode(JSONValue.self, from: JSONEncoder().encode(blobstore.settings))
        let cpi = CPIClient(
            configuration: CPIClient.Configuration(
                executablePath: executable, arguments: Array(configuration.cpiCommand.dropFirst()),
                timeout: .seconds(120), directorUUID: uuid, properties: ["agent": .object(agentProperties)]),
            logger: configuration.logger)
        return LocalDirector(
            configuration: configuration, layout: layout, uuid: uuid, cpi: cpi, nats: nats, agents: agents,
            blobstore: blobstore, natsURL: natsURL, agentCertificate: agentCertificate)
    }

    /// Closes the NATS connection (the NATS server and the VMs keep running).
    public func close() async {
        await agents.close()
        await nats.close()
    }
}

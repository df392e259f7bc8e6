import AgentProtocol
import BoshDirectorStore
import CPIProtocol
import Foundation
import Logging
import NatsClient
import Synchronization

/// A director for one machine: deploys manifests through a CPI executable and agents on NATS, keeps its
/// records in a ``DirectorStore`` (SQLite in the state directory unless given another), and serves the health
/// monitor.
///
/// ```swift
/// let director = try await LocalDirector.open(configuration)   // sqlite:<state>/director.db
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
    /// Whether ``close()`` closes the store (it opened it).
    let ownsStore: Bool
    /// The event-output writers of the tasks this director runs, by task id.
    let appenders = Mutex<[Int: TaskOutputAppender]>([:])
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
    /// Where the director logs (while a task runs, also to its debug output: ``withTaskLog(_:_:)``).
    public let logger: Logger

    private init(
        configuration: DirectorConfiguration, layout: DirectorLayout, store: DirectorStore, ownsStore: Bool, cpi: CPIClient,
        nats: NatsClient, agents: AgentClient, blobstore: LocalBlobstore, natsURL: String, agentCertificate: MbusCertificate?
    ) {
        self.configuration = configuration
        self.layout = layout
        self.store = store
        self.ownsStore = ownsStore
        self.uuid = store.uuid
        self.blobstore = blobstore
        self.cpi = cpi
        self.nats = nats
        self.agents = agents
        self.natsURL = natsURL
        self.agentCertificate = agentCertificate
        self.logger = configuration.logger
    }

    /// Opens the director: creates the state directory, opens the store, starts (or reuses) the local NATS
    /// server unless ``DirectorConfiguration/natsURL`` is set, and connects to it.
    /// - Parameter store: the records; by default `sqlite:<state>/director.db`, importing the JSON state of an
    ///   older BoshKit on first use (the director then closes it on ``close()``).
    /// - Throws: ``DirectorError`` when NATS cannot be reached, with the URL and the reason; ``StoreError`` when
    ///   the database cannot be opened.
    public static func open(_ configuration: DirectorConfiguration, store given: DirectorStore? = nil) async throws -> LocalDirector {
        let layout = DirectorLayout(root: configuration.stateDirectory)
        try layout.create()
        let store: DirectorStore
        if let given {
            store = given
        } else {
            store = try await openDefaultStore(layout: layout, logger: configuration.logger)
        }
        do {
            return try await open(configuration, layout: layout, store: store, ownsStore: given == nil)
        } catch {
            if given == nil { await store.close() }
            throw error
        }
    }

    /// The default store of a state directory: `sqlite:<state>/director.db`, importing older JSON state.
    public static func openDefaultStore(layout: DirectorLayout, logger: Logger) async throws -> DirectorStore {
        let engine = try await SQLiteEngine.open(path: layout.databaseFile, logger: logger)
        do {
            return try await DirectorStore.open(engine: engine, importingFrom: layout.root, logger: logger)
        } catch {
            await engine.close()
            throw error
        }
    }

    private static func open(
        _ configuration: DirectorConfiguration, layout: DirectorLayout, store: DirectorStore, ownsStore: Bool
    ) async throws -> LocalDirector {
        let uuid = store.uuid
        var configuration = configuration
        // The director's own lines, the CPI's and the agents' go to a running task's debug output too.
        let natsLogger = configuration.logger
        configuration.logger = TaskLogHandler.wrap(configuration.logger)
        let options: NatsClientOptions
        let agentCertificate: MbusCertificate?
        if let url = configuration.natsURL {
            options = NatsClientOptions(servers: [url], name: "boshkit-director", connectTimeout: .seconds(10), allowReconnect: false)
            agentCertificate = nil
        } else {
            let endpoint = try await LocalNatsServer.ensureRunning(stateDirectory: layout.root, logger: natsLogger)
            options = endpoint.directorClientOptions()
            agentCertificate = endpoint.agentMbusCertificate
        }
        let natsURL = options.servers.first ?? ""
        let nats: NatsClient
        do {
            nats = try await NatsClient.connect(options, logger: natsLogger)
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
            configuration: configuration, layout: layout, store: store, ownsStore: ownsStore, cpi: cpi, nats: nats,
            agents: agents, blobstore: blobstore, natsURL: natsURL, agentCertificate: agentCertificate)
    }

    /// Closes the NATS connection and the store it opened (the NATS server and the VMs keep running).
    public func close() async {
        await agents.close()
        await nats.close()
        if ownsStore { await store.close() }
    }
}

import BoshDirectorStore
import Foundation
import Hummingbird
import HummingbirdTLS
import Logging
import NIOCore
import NIOSSL

/// The BOSH director's REST API over a ``DirectorStore``: what the `bosh` CLI talks to on port 25555.
///
/// HTTPS only (TLS 1.2 with ECDHE-RSA-AES-GCM and TLS 1.3, an RSA certificate), HTTP basic auth for every path
/// but `GET /info`. Serves the director's information, tasks and their output with `Range`, locks, events,
/// configs (legacy `/cloud_configs`, `/runtime_configs`, `/cpi_configs` and `/configs`), the recorded
/// deployments, releases (with inspect and package matches) and stemcells, ignore and resurrection, cloud-check
/// problems, log bundles, and the calls that queue tasks: stemcell and release uploads and deletions, deploys,
/// deletes, instance state changes and actions, cloud-check scans and resolutions, log fetches, instance and VM
/// listings (run by ``TaskWorkers`` with a ``DirectorTaskRunner``).
///
/// ```swift
/// let api = DirectorAPI(store: store, credentials: credentials, name: "boshkit")
/// try await api.application(host: "127.0.0.1", port: 25555).runService()
/// ```
public struct DirectorAPI: Sendable {
    /// The records served.
    public let store: DirectorStore
    /// The TLS certificate and the admin's credentials.
    public let credentials: DirectorCredentials
    /// The director's name (`bosh env` shows it).
    public let name: String
    /// The CPI's name, if any (`bosh env` shows it).
    public let cpi: String
    /// Where uploaded tarballs wait for their task (the state directory's `tmp/`).
    public let scratchDirectory: String
    /// The director's blobstore directory, from which `GET /resources/ID` serves log bundles (`nil`: none).
    public let blobstoreDirectory: String?
    /// Where the API logs.
    public let logger: Logger

    /// The version `GET /info` reports: the director's format, `<version> (<commit>)`.
    public static let version = "0.4.0 (boshkit)"

    /// Creates the API (nothing listens before ``application(host:port:onRunning:)`` runs).
    public init(
        store: DirectorStore, credentials: DirectorCredentials, name: String = "boshkit", cpi: String = "local",
        scratchDirectory: String = FileManager.default.temporaryDirectory.path, blobstoreDirectory: String? = nil,
        logger: Logger = Logger(label: "boshkit.api")
    ) {
        self.scratchDirectory = scratchDirectory
        self.blobstoreDirectory = blobstoreDirectory
        self.store = store
        self.credentials = credentials
        self.name = name
        self.cpi = cpi
        self.logger = logger
    }

    /// The routes, behind basic auth.
    public func router() -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        router.add(middleware: BasicAuthentication(user: credentials.user, password: credentials.password))
        InfoRoutes(api: self).add(to: router)
        TaskRoutes(store: store).add(to: router)
        LockAndEventRoutes(store: store).add(to: router)
        ConfigRoutes(store: store).add(to: router)
        RecordRoutes(store: store).add(to: router)
        ReleaseRoutes(store: store).add(to: router)
        StemcellRoutes(store: store).add(to: router)
        InstanceRoutes(store: store).add(to: router)
        CloudCheckRoutes(store: store).add(to: router)
        LogRoutes(store: store, blobstoreDirectory: blobstoreDirectory).add(to: router)
        UploadRoutes(store: store, scratchDirectory: scratchDirectory).add(to: router)
        DeploymentRoutes(store: store).add(to: router)
        return router
    }

    /// The server's TLS configuration: the director certificate, TLS 1.2 or newer.
    public func tlsConfiguration() throws -> TLSConfiguration {
        do {
            let chain = try NIOSSLCertificate.fromPEMBytes(Array(credentials.certificate.utf8)).map { NIOSSLCertificateSource.certificate($0) }
            let key = try NIOSSLPrivateKey(bytes: Array(credentials.privateKey.utf8), format: .pem)
            var tls = TLSConfiguration.makeServerConfiguration(certificateChain: chain, privateKey: .privateKey(key))
            tls.minimumTLSVersion = .tlsv12
            return tls
        } catch {
            throw DirectorAPIError.tls("the certificate or key cannot be loaded: \(error)")
        }
    }

    /// The HTTPS application listening on `host:port` (port 0 picks a free one); `onRunning` gets the bound port.
    public func application(
        host: String, port: Int, onRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) throws -> some ApplicationProtocol {
        Application(
            router: router(), server: try .tls(.http1(), tlsConfiguration: tlsConfiguration()),
            configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: nil),
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? port) }, logger: logger)
    }
}

import Foundation

/// Where the local director keeps its state: one directory holds the deployments, the uploaded releases and
/// stemcells, the blobstore, the local CPI's VMs, the NATS server and the locks.
///
/// ```
/// <state>/director.json          director UUID, task counter
/// <state>/deployments/<name>.json one ``DeploymentRecord`` per deployment
/// <state>/releases.json          uploaded releases (``ReleaseRecord``)
/// <state>/stemcells.json         uploaded stemcells (``StemcellRecord``)
/// <state>/compiled-packages.json compiled packages (``CompiledPackageRecord``)
/// <state>/blobstore/             the local blobstore shared with the agents
/// <state>/cpi/                   the local CPI's stemcells, VMs and disks
/// <state>/nats/                  the local nats-server and its certificates
/// <state>/locks/                 deployment locks
/// ```
public struct DirectorLayout: Sendable, Hashable {
    /// The state directory (absolute).
    public let root: String

    /// A layout rooted at `root` (made absolute against the current directory).
    public init(root: String) {
        self.root = URL(fileURLWithPath: root).standardizedFileURL.path
    }

    /// `director.json`.
    public var directorFile: String { path("director.json") }
    /// `deployments/`.
    public var deploymentsDirectory: String { path("deployments") }
    /// `deployments/<name>.json`.
    public func deploymentFile(_ name: String) -> String { path("deployments/\(name).json") }
    /// `releases.json`.
    public var releasesFile: String { path("releases.json") }
    /// `stemcells.json`.
    public var stemcellsFile: String { path("stemcells.json") }
    /// `compiled-packages.json`.
    public var compiledPackagesFile: String { path("compiled-packages.json") }
    /// `blobstore/`.
    public var blobstoreDirectory: String { path("blobstore") }
    /// `cpi/`.
    public var cpiDirectory: String { path("cpi") }
    /// `tmp/`: scratch space for unpacking uploads.
    public var temporaryDirectory: String { path("tmp") }

    /// A path under the root.
    public func path(_ relative: String) -> String { root + "/" + relative }

    /// Creates the root and its fixed subdirectories.
    public func create() throws {
        for directory in [root, deploymentsDirectory, blobstoreDirectory, cpiDirectory, temporaryDirectory] {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
    }
}

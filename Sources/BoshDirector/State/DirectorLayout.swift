import Foundation

/// Where the local director keeps its state: one directory holds the deployments, the uploaded releases and
/// stemcells, the blobstore, the local CPI's VMs, the NATS server and the locks.
///
/// ```
/// <state>/director.db            the default store: deployments, releases, tasks, locks… (SQLite, WAL)
/// <state>/releases/NAME/VERSION.tgz   uploaded release tarballs (job templates are rendered from them)
/// <state>/stemcells/NAME/VERSION/     uploaded stemcell images
/// <state>/blobstore/             the local blobstore shared with the agents
/// <state>/cpi/                   the local CPI's stemcells, VMs and disks
/// <state>/nats/                  the local nats-server and its certificates
/// <state>/imported-json/         JSON state of an older BoshKit, once imported into the database
/// ```
public struct DirectorLayout: Sendable, Hashable {
    /// The state directory (absolute).
    public let root: String

    /// A layout rooted at `root` (made absolute against the current directory).
    public init(root: String) {
        self.root = URL(fileURLWithPath: root).standardizedFileURL.path
    }

    /// `director.db`: the default SQLite database.
    public var databaseFile: String { path("director.db") }
    /// `blobstore/`.
    public var blobstoreDirectory: String { path("blobstore") }
    /// `cpi/`.
    public var cpiDirectory: String { path("cpi") }
    /// `tmp/`: scratch space for unpacking uploads.
    public var temporaryDirectory: String { path("tmp") }

    /// `releases/NAME/VERSION.tgz`: where an uploaded release's tarball is kept. One directory per name, so no two
    /// releases share a path (`a-1` version `2` and `a` version `1-2` once both made `a-1-2.tgz`); each part is a
    /// ``pathComponent(_:)``.
    public func releaseTarball(name: String, version: String) -> String {
        path("releases/\(Self.pathComponent(name))/\(Self.pathComponent(version)).tgz")
    }
    /// `stemcells/NAME/VERSION`: where an uploaded stemcell's image is kept (each part a ``pathComponent(_:)``).
    public func stemcellDirectory(name: String, version: String) -> String {
        path("stemcells/\(Self.pathComponent(name))/\(Self.pathComponent(version))")
    }

    /// A name or version as one file name that stays inside its directory and differs for different texts:
    /// `%` and `/` are percent-encoded, and so are the dots of `.` and `..` and an empty text (`%`). A stemcell's
    /// name and version come from its `stemcell.MF` unchecked, so `..` or `a/b` must not reach the file system
    /// as they are.
    public static func pathComponent(_ text: String) -> String {
        if text.isEmpty { return "%" }
        if text == "." || text == ".." { return String(repeating: "%2E", count: text.count) }
        guard text.utf8.contains(where: { $0 == UInt8(ascii: "%") || $0 == UInt8(ascii: "/") }) else { return text }
        return text.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "/", with: "%2F")
    }

    /// A path under the root.
    public func path(_ relative: String) -> String { root + "/" + relative }

    /// Creates the root and its fixed subdirectories.
    public func create() throws {
        for directory in [root, blobstoreDirectory, cpiDirectory, temporaryDirectory] {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
    }
}

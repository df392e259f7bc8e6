import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The local CPI's state on disk, shared by every CPI process pointed at the same root.
///
/// Files are replaced by rename, and VM, disk and snapshot directories are built under a dot-name and renamed
/// into place (and renamed away before removal), so a reader never sees a half-written record. Changes run
/// under an exclusive `flock` on `<root>/.lock`, so concurrent CPI processes do not lose each other's updates.
struct LocalCPIStore: Sendable {
    let root: URL

    init(root: String) {
        self.root = URL(fileURLWithPath: root, isDirectory: true)
    }

    var stemcells: URL { root.appendingPathComponent("stemcells", isDirectory: true) }
    var vms: URL { root.appendingPathComponent("vms", isDirectory: true) }
    var disks: URL { root.appendingPathComponent("disks", isDirectory: true) }
    var snapshots: URL { root.appendingPathComponent("snapshots", isDirectory: true) }

    func stemcellFile(_ cid: String) -> URL { stemcells.appendingPathComponent("\(cid).json") }
    func vmDirectory(_ cid: String) -> URL { vms.appendingPathComponent(cid, isDirectory: true) }
    func vmFile(_ cid: String) -> URL { vmDirectory(cid).appendingPathComponent("vm.json") }
    func settingsFile(_ cid: String) -> URL { vmDirectory(cid).appendingPathComponent("settings.json") }
    func diskDirectory(_ cid: String) -> URL { disks.appendingPathComponent(cid, isDirectory: true) }
    func diskFile(_ cid: String) -> URL { diskDirectory(cid).appendingPathComponent("disk.json") }
    func snapshotDirectory(_ cid: String) -> URL { snapshots.appendingPathComponent(cid, isDirectory: true) }

    /// Creates the root and its folders.
    func prepare() throws {
        for directory in [stemcells, vms, disks, snapshots] {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        }
    }

    /// Runs `body` holding the state lock.
    func locked<T>(_ body: () throws -> T) throws -> T {
        try prepare()
        let path = root.appendingPathComponent(".lock").path
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw CPIError.cloudError(message: "Cannot open \(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        while flock(fd, LOCK_EX) != 0 {
            guard errno == EINTR else {
                throw CPIError.cloudError(message: "Cannot lock \(path): \(String(cString: strerror(errno)))")
            }
        }
        defer { flock(fd, LOCK_UN) }
        return try body()
    }

    /// Reads a JSON record, `nil` when the file does not exist.
    func read<T: Decodable>(_ type: T.Type, at url: URL) throws -> T? {
        guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
        return try JSONDecoder().decode(T.self, from: data)
    }

    /// Replaces a JSON record atomically.
    func write<T: Encodable>(_ value: T, to url: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try encoder.encode(value).write(to: url, options: .atomic)
    }

    /// Builds a directory under a temporary dot-name in the same folder, then renames it into place.
    func createDirectory(at url: URL, populate: (URL) throws -> Void) throws {
        let staging = url.deletingLastPathComponent()
            .appendingPathComponent(".creating-\(url.lastPathComponent)-\(UUID().uuidString)", isDirectory: true)
        let fileManager = FileManager.default
        try fileManager.createDirectory(at: staging, withIntermediateDirectories: true)
        do {
            try populate(staging)
            guard rename(staging.path, url.path) == 0 else {
                throw CPIError.cloudError(message: "Cannot create \(url.path): \(String(cString: strerror(errno)))")
            }
        } catch {
            try? fileManager.removeItem(at: staging)
            throw error
        }
    }

    /// Renames a directory away (so it is gone at once), then removes it.
    func removeDirectory(at url: URL) throws {
        let doomed = url.deletingLastPathComponent()
            .appendingPathComponent(".deleting-\(url.lastPathComponent)-\(UUID().uuidString)", isDirectory: true)
        guard rename(url.path, doomed.path) == 0 else {
            if errno == ENOENT { return }
            throw CPIError.cloudError(message: "Cannot delete \(url.path): \(String(cString: strerror(errno)))")
        }
        try FileManager.default.removeItem(at: doomed)
    }

    /// The names of the records in a folder, skipping staging entries.
    func names(in folder: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
    }

    func vm(_ cid: String) throws -> LocalVMRecord {
        guard let record = try read(LocalVMRecord.self, at: vmFile(cid)) else {
            throw CPIError.vmNotFound(message: "VM '\(cid)' not found")
        }
        return record
    }

    func disk(_ cid: String) throws -> LocalDiskRecord {
        guard let record = try read(LocalDiskRecord.self, at: diskFile(cid)) else {
            throw CPIError.diskNotFound(message: "Disk '\(cid)' not found", okToRetry: false)
        }
        return record
    }
}

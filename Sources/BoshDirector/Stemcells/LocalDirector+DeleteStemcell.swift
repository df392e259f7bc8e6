import BoshDirectorStore
import CPIProtocol
import Foundation

extension LocalDirector {
    /// Deletes stemcell `name`/`version` (`bosh delete-stemcell`): refused while a deployment uses it; the CPI
    /// deletes its cloud stemcell, then the record and the kept image go.
    /// - Parameter force: forget the stemcell even when the CPI fails to delete it.
    /// - Returns: the task result, `/stemcells/NAME/VERSION`.
    /// - Throws: ``DirectorError`` with the director's words: `Stemcell 'NAME/VERSION' doesn't exist`,
    ///   `Stemcell 'NAME/VERSION' is still in use by: D`.
    @discardableResult
    public func deleteStemcell(_ name: String, version: String, force: Bool = false, output: TaskOutput) async throws -> String {
        let slug = "\(name)/\(version)"
        return try await withLock(
            LockRecord.stemcell(name, version: version), task: output.taskID, description: "delete stemcell: \(slug)", waiting: .seconds(10)
        ) {
            guard let stemcell = try await store.stemcells().first(where: { $0.name == name && $0.version == version }) else {
                throw DirectorError("Stemcell '\(slug)' doesn't exist")
            }
            let users = try await store.deployments().filter { $0.stemcells.contains(slug) }.map(\.name).sorted()
            guard users.isEmpty else {
                throw DirectorError("Stemcell '\(slug)' is still in use by: \(users.joined(separator: ", "))")
            }
            do {
                _ = try await cpi.call(DeleteStemcellArguments(cid: stemcell.cid))
            } catch where force {
                logger.warning("deleting a stemcell failed", metadata: ["stemcell_cid": "\(stemcell.cid)", "error": "\(error)"])
            }
            try await store.removeStemcell(name, version: version)
            let directory = layout.stemcellDirectory(name: name, version: version)
            try? FileManager.default.removeItem(atPath: directory)
            _ = rmdir(URL(fileURLWithPath: directory).deletingLastPathComponent().path)  // stemcells/NAME, once empty
            // A state directory of an earlier BoshKit kept the image at `stemcells/NAME-VERSION/image`, a path two
            // stemcells could share, and whose folder may now be another stemcell's `stemcells/NAME`: removed only
            // when it holds an image of its own and no other stemcell spells it.
            let legacy = layout.path("stemcells/\(DirectorLayout.pathComponent("\(name)-\(version)"))")
            let remaining = try await store.stemcells()
            var isDirectory: ObjCBool = true
            if FileManager.default.fileExists(atPath: legacy + "/image", isDirectory: &isDirectory), !isDirectory.boolValue,
                !remaining.contains(where: { "\($0.name)-\($0.version)" == "\(name)-\(version)" })
            {
                try? FileManager.default.removeItem(atPath: legacy)
            }
            // Packages compiled for it (key: release/package/fingerprint/os/stemcell-version/…) go with it, unless
            // another stemcell of the same OS and version remains.
            let others = try await store.stemcells().filter { $0.os == stemcell.os && $0.version == version }
            if others.isEmpty {
                for package in try await store.compiledPackages() {
                    let parts = package.key.split(separator: "/", omittingEmptySubsequences: false)
                    guard parts.count > 4, parts[3] == stemcell.os, parts[4] == version else { continue }
                    try await store.removeCompiledPackage(key: package.key)
                    try? blobstore.delete(package.blobstoreID)
                }
            }
            try await store.record(EventRecord(action: "delete", objectType: "stemcell", objectName: slug, task: "\(output.taskID)"))
            return "/stemcells/\(slug)"
        }
    }
}

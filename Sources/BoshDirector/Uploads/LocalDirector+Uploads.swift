import BoshDirectorStore
import Foundation

extension LocalDirector {
    /// Uploads a stemcell tarball (`bosh upload-stemcell`): verifies it, has the CPI create the stemcell and
    /// records it with a `create stemcell` event (BoshKit's; the director records none). A stemcell already
    /// uploaded is kept as it is.
    /// - Returns: the record and whether it was new.
    @discardableResult
    public func uploadStemcell(tarball path: String, output: TaskOutput) async throws -> (record: StemcellRecord, isNew: Bool) {
        let result = try await output.track("Update stemcell", task: "Uploading stemcell") {
            try await StemcellUploader(store: store, layout: layout, cpi: cpi, logger: logger).upload(tarball: path, task: output.taskID)
        }
        if result.isNew {
            try await store.record(
                EventRecord(action: "create", objectType: "stemcell", objectName: result.record.slug, task: "\(output.taskID)"))
        }
        return result
    }

    /// Uploads a release tarball (`bosh upload-release`): verifies it, puts its jobs and packages into the
    /// blobstore and records it with a `create release` event (BoshKit's; the director records none). A release
    /// already uploaded is kept as it is.
    /// - Returns: the record and whether it was new.
    @discardableResult
    public func uploadRelease(tarball path: String, output: TaskOutput) async throws -> (record: ReleaseRecord, isNew: Bool) {
        let result = try await output.track("Update release", task: "Uploading release") {
            let result = try await ReleaseUploader(store: store, layout: layout, blobstore: blobstore, logger: logger).upload(
                tarball: path, task: output.taskID)
            return (record: result.record, isNew: result.isNew)
        }
        if result.isNew {
            try await store.record(
                EventRecord(action: "create", objectType: "release", objectName: result.record.slug, task: "\(output.taskID)"))
        }
        return result
    }

    /// Waits until the event lines of task `id` are all in the store (before its state says it ended).
    public func flushOutput(of id: Int) async {
        if let appender = appenders.withLock({ $0.removeValue(forKey: id) }) { await appender.finish() }
    }
}

import AgentProtocol
import Foundation
import Logging

/// Lays out an apply spec's jobs: the rendered templates archive is fetched, verified and extracted, every file
/// has `/var/vcap` rewritten to the VM's and gets mode 0755 under `bin/` (0644 elsewhere), and each job lands in
/// `var/vcap/data/jobs/<job>/<configuration_hash>/`, linked from `var/vcap/jobs/<job>`.
///
/// A job already laid out for the same configuration hash is kept as it is, so a repeated apply is cheap.
struct JobInstaller: Sendable {
    let layout: AgentLayout
    let blobstore: LocalBlobstore
    let logger: Logger

    /// Lays out the jobs and returns them with their monit processes.
    func install(_ spec: ApplySpec) async throws -> [SupervisedJob] {
        let hash = spec.configurationHash ?? spec.renderedTemplatesArchive?.sha1 ?? "unversioned"
        try Names.check(hash, what: "configuration_hash")
        var names = spec.job?.templates?.map(\.name) ?? []
        for name in names { try Names.check(name, what: "job name") }
        let missing = names.filter { !FileManager.default.fileExists(atPath: layout.jobData($0, configurationHash: hash).path) }
        if let archive = spec.renderedTemplatesArchive, names.isEmpty || !missing.isEmpty {
            names = try await extract(archive, jobs: names, configurationHash: hash)
        } else if !missing.isEmpty {
            throw AgentFailure("apply spec has jobs \(missing.joined(separator: ", ")) but no rendered_templates_archive")
        }
        var jobs: [SupervisedJob] = []
        for name in names {
            let target = layout.jobData(name, configurationHash: hash)
            try layout.createJobDirectories(name)
            try layout.replaceSymlink(layout.jobs.appendingPathComponent(name), to: target)
            jobs.append(SupervisedJob(name: name, processes: try Self.monitProcesses(in: target)))
        }
        layout.removeSymlinks(in: layout.jobs, except: Set(names))
        return jobs
    }

    /// The processes of a laid-out job's `monit` file (none when it has no such file).
    static func monitProcesses(in jobDirectory: URL) throws -> [MonitProcess] {
        let monit = jobDirectory.appendingPathComponent("monit")
        guard let data = FileManager.default.contents(atPath: monit.path) else { return [] }
        return try MonitFile.parse(String(decoding: data, as: UTF8.self), path: monit.path)
    }

    private func extract(_ archive: RenderedTemplatesArchive, jobs: [String], configurationHash hash: String) async throws -> [String] {
        guard let id = archive.blobstoreID, let digest = archive.sha1 else {
            throw AgentFailure("rendered_templates_archive needs blobstore_id and sha1")
        }
        let staging = try layout.makeStagingDirectory("templates")
        defer { try? FileManager.default.removeItem(at: staging) }
        let file = staging.appendingPathComponent("templates.tgz")
        do {
            try blobstore.fetch(id, digest: digest, to: file)
        } catch {
            throw AgentFailure("rendered templates archive: \(error)")
        }
        let contents = staging.appendingPathComponent("contents")
        try FileManager.default.createDirectory(at: contents, withIntermediateDirectories: true)
        try await Tarball.extract(file, into: contents, what: "rendered templates archive \(id)")
        var names = jobs
        if names.isEmpty {
            names = try FileManager.default.contentsOfDirectory(atPath: contents.path).filter { name in
                var isDirectory: ObjCBool = false
                return FileManager.default.fileExists(atPath: contents.appendingPathComponent(name).path, isDirectory: &isDirectory)
                    && isDirectory.boolValue
            }.sorted()
        }
        for name in names {
            let target = layout.jobData(name, configurationHash: hash)
            if FileManager.default.fileExists(atPath: target.path) { continue }
            let source = contents.appendingPathComponent(name)
            guard FileManager.default.fileExists(atPath: source.path) else {
                throw AgentFailure("rendered templates archive \(id) has no directory for job \(name)")
            }
            try prepareFiles(in: source)
            try Names.moveIntoPlace(source, to: target)
            logger.info("laid out job", metadata: ["job": "\(name)", "configuration_hash": "\(hash)"])
        }
        return names
    }

    /// Rewrites `/var/vcap` in every file and sets modes: 0755 under `bin/`, 0644 elsewhere, 0755 for directories.
    private func prepareFiles(in directory: URL) throws {
        let manager = FileManager.default
        guard let enumerator = manager.enumerator(atPath: directory.path) else { return }
        while let relative = enumerator.nextObject() as? String {
            let path = directory.appendingPathComponent(relative).path
            let attributes = try manager.attributesOfItem(atPath: path)
            let type = attributes[.type] as? FileAttributeType
            if type == .typeDirectory {
                try manager.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
            } else if type == .typeRegular {
                if let bytes = manager.contents(atPath: path) {
                    let rewritten = layout.rewrite(Array(bytes))
                    if rewritten.count != bytes.count || !rewritten.elementsEqual(bytes) {
                        try Data(rewritten).write(to: URL(fileURLWithPath: path))
                    }
                }
                let executable = relative.hasPrefix("bin/")
                try manager.setAttributes([.posixPermissions: executable ? 0o755 : 0o644], ofItemAtPath: path)
            }
        }
    }
}

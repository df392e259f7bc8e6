import BoshArchive

/// One rendered file of a job.
public struct RenderedFile: Hashable, Sendable {
    /// The template's source path in the job (`config.yml.erb`; `.bosh/links.json` for the links file).
    public var source: String
    /// The path relative to `/var/vcap/jobs/<job>/` (`config/config.yml`).
    public var destination: String
    /// The rendered bytes.
    public var contents: [UInt8]

    /// Creates a rendered file.
    public init(source: String, destination: String, contents: [UInt8]) {
        self.source = source
        self.destination = destination
        self.contents = contents
    }

    /// The contents as UTF-8 text (invalid bytes replaced).
    public var text: String { String(decoding: contents, as: UTF8.self) }
}

/// A job's rendered monit file and templates, plus the `.bosh/links.json` file the director adds.
public struct RenderedJob: Hashable, Sendable {
    /// The job name.
    public var name: String
    /// The rendered `monit` file.
    public var monit: [UInt8]
    /// The rendered templates in spec order, then `.bosh/links.json`.
    public var files: [RenderedFile]

    /// Creates a rendered job.
    public init(name: String, monit: [UInt8], files: [RenderedFile]) {
        self.name = name
        self.monit = monit
        self.files = files
    }

    /// The director's per-job `template_hashes` entry: SHA-1 of the monit file then every file's contents,
    /// files ordered by source path.
    public var templateHash: String {
        let hasher = DigestHasher(.sha1)
        hasher.update(monit)
        for file in Self.bySource(files) { hasher.update(file.contents) }
        return hasher.finalize()
    }

    static func bySource(_ files: [RenderedFile]) -> [RenderedFile] {
        files.sorted { Array($0.source.utf8).lexicographicallyPrecedes($1.source.utf8) }
    }
}

/// Every job of one instance rendered: what the director stores as the instance's rendered templates.
public struct RenderedInstance: Hashable, Sendable {
    /// The rendered jobs, in the instance group's job order.
    public var jobs: [RenderedJob]

    /// Creates a rendered instance.
    public init(jobs: [RenderedJob]) { self.jobs = jobs }

    /// The apply spec's `configuration_hash`: one SHA-1 over, for each job by name, its monit file, its
    /// name, then each file's contents and destination (files by source path).
    public var configurationHash: String {
        let hasher = DigestHasher(.sha1)
        for job in jobs.sorted(by: { Array($0.name.utf8).lexicographicallyPrecedes($1.name.utf8) }) {
            hasher.update(job.monit)
            hasher.update(Array(job.name.utf8))
            for file in RenderedJob.bySource(job.files) {
                hasher.update(file.contents)
                hasher.update(Array(file.destination.utf8))
            }
        }
        return hasher.finalize()
    }

    /// The apply spec's `template_hashes`: job name → ``RenderedJob/templateHash``.
    public var templateHashes: [String: String] {
        Dictionary(jobs.map { ($0.name, $0.templateHash) }, uniquingKeysWith: { first, _ in first })
    }

    /// The rendered-templates archive the director sends to the agent: a gzip'd tar with `<job>/monit` and
    /// `<job>/<destination>` for every file, mode 0644, in job and file order.
    public func archive() throws(RenderError) -> [UInt8] {
        do {
            let sink = MemoryByteSink()
            let tar = TarWriter(try GzipWriter(sink))
            for job in jobs {
                try tar.addFile(job.name + "/monit", bytes: job.monit, mode: 0o644)
                for file in job.files {
                    try tar.addFile(job.name + "/" + file.destination, bytes: file.contents, mode: 0o644)
                }
            }
            try tar.finish()
            return sink.bytes
        } catch {
            throw RenderError(.invalidInput, "cannot write the rendered templates archive: \(error)")
        }
    }

    /// The SHA-1 of an archive, as the director records it in `rendered_templates_archive.sha1`.
    public static func sha1(of archive: [UInt8]) -> String { DigestHasher.hex(.sha1, of: archive) }
}

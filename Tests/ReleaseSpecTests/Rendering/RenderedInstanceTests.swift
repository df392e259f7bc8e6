import BoshArchive
import ReleaseSpec
import Testing

/// The rendered-templates archive and the apply spec's hashes.
@Suite struct RenderedInstanceTests {
    let instance = RenderedInstance(jobs: [
        RenderedJob(
            name: "web", monit: Array("check process web\n".utf8),
            files: [
                RenderedFile(source: "z.erb", destination: "bin/ctl", contents: Array("#!/bin/sh\n".utf8)),
                RenderedFile(source: "a.erb", destination: "config/a.yml", contents: Array("a: 1\n".utf8)),
                RenderedFile(source: ".bosh/links.json", destination: ".bosh/links.json", contents: Array("[]\n".utf8)),
            ]),
        RenderedJob(
            name: "agent", monit: [],
            files: [
                RenderedFile(source: ".bosh/links.json", destination: ".bosh/links.json", contents: Array("[]\n".utf8))
            ]),
    ])

    // Recorded with the director's RenderedJobInstance#configuration_hash and
    // RenderedJobTemplate#template_hash (see Fixtures/rendering/README.md).
    @Test func configurationHash() {
        #expect(instance.configurationHash == "b2a74113df707eb22eb69b477531973a85cf7d9c")
        #expect(instance.templateHashes["web"] == "fcb58b8b0f391eca6ad40d63c4cf1ef7e0c70a56")
    }

    @Test func archiveHoldsEveryFileUnderItsJob() throws {
        let bytes = try instance.archive()
        let reader = TarReader(try GzipReader(MemoryByteSource(bytes)))
        var entries: [String: String] = [:]
        while let entry = try reader.next() {
            entries[entry.path] = String(decoding: try reader.readContent(limit: 1 << 20), as: UTF8.self)
            #expect(entry.mode & 0o777 == 0o644)
        }
        #expect(
            entries == [
                "web/monit": "check process web\n", "web/bin/ctl": "#!/bin/sh\n", "web/config/a.yml": "a: 1\n",
                "web/.bosh/links.json": "[]\n", "agent/monit": "", "agent/.bosh/links.json": "[]\n",
            ])
        #expect(RenderedInstance.sha1(of: bytes).count == 40)
    }
}

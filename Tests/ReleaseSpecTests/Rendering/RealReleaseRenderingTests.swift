import BoshYAML
import Foundation
import ReleaseSpec
import Testing

/// Every job of nine public releases (`Fixtures/real-jobs`, see its SOURCES.md) rendered one by one, compared
/// with what the director's own template code renders for the same input (recorded in
/// `Fixtures/rendering/real-<release>.txt`; see that folder's README).
///
/// Each job gets its spec defaults, a spec `example` (or a stand-in string) for every property without a
/// default, and for each link it consumes a two-instance link whose properties are those a job of the same
/// release providing that type exposes. Set `BOSHKIT_RECORD_RENDERER` to the recording harness to re-record.
@Suite struct RealReleaseRenderingTests {
    static let releases = [
        "bosh", "nats-release", "bosh-dns-release", "routing-release", "syslog-release", "bpm-release",
        "os-conf-release", "loggregator-agent-release", "uaa-release",
    ]

    /// Builds `Fixtures/real-jobs/<name>` into a dev release, with empty packages for those the jobs name.
    static func release(_ name: String) throws -> Release {
        let source = Fixtures.root.appendingPathComponent("real-jobs/\(name)").path
        let dir = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let fm = FileManager.default
        try fm.copyItem(atPath: source + "/jobs", toPath: dir + "/jobs")
        try fm.createDirectory(atPath: dir + "/config", withIntermediateDirectories: true)
        try "name: \(name)\n".write(toFile: dir + "/config/final.yml", atomically: true, encoding: .utf8)
        var packages: Set<String> = []
        for job in try fm.contentsOfDirectory(atPath: dir + "/jobs") {
            let spec = try JobSpec(bytes: Array(try Data(contentsOf: URL(fileURLWithPath: dir + "/jobs/\(job)/spec"))))
            packages.formUnion(spec.packages)
        }
        for package in packages {
            let path = dir + "/packages/\(package)"
            try fm.createDirectory(atPath: path, withIntermediateDirectories: true)
            try "name: \(package)\nfiles: []\n".write(toFile: path + "/spec", atomically: true, encoding: .utf8)
            try "".write(toFile: path + "/packaging", atomically: true, encoding: .utf8)
        }
        return try ReleaseBuilder.build(directory: dir, to: dir + "/release.tgz")
    }

    /// Manifest-style values for a job's properties without a default: the spec's example, else a string.
    static func values(for properties: [PropertyDefinition]) -> RenderValue {
        var tree: RenderValue = [:]
        for property in properties where property.defaultValue == nil {
            let value = property.example.map(RenderValue.init) ?? .string("example-\(property.name)")
            set(property.path[...], value, in: &tree)
        }
        return tree
    }

    private static func set(_ path: ArraySlice<String>, _ value: RenderValue, in tree: inout RenderValue) {
        guard let key = path.first, case .object(var entries) = tree else { return }
        let index = entries.firstIndex { $0.0 == key }
        if path.count == 1 {
            if index == nil { entries.append((key, value)) }
        } else {
            var child: RenderValue = index.map { entries[$0].1 } ?? [:]
            if case .object = child {} else { child = [:] }
            set(path.dropFirst(), value, in: &child)
            if let index { entries[index].1 = child } else { entries.append((key, child)) }
        }
        tree = .object(entries)
    }

    static func links(for job: ReleaseJob, in release: Release) throws -> [String: RenderLink] {
        var links: [String: RenderLink] = [:]
        for consumed in job.spec.consumes {
            var properties: RenderValue = [:]
            for provider in release.jobs {
                guard let provided = provider.spec.provides.first(where: { $0.type == consumed.type }) else { continue }
                let exposed = provider.spec.properties.filter { provided.properties.contains($0.name) }
                properties = try JobSpec.bindProperties(exposed, global: values(for: exposed), jobName: provider.record.name)
                break
            }
            links[consumed.name] = RenderLink(
                instances: [
                    RenderLinkInstance(name: "provider", id: "p-0", index: 0, az: "z1", address: "10.0.1.2", bootstrap: true),
                    RenderLinkInstance(name: "provider", id: "p-1", index: 1, az: "z2", address: "10.0.1.3"),
                ], properties: properties, instanceGroup: "provider", deploymentName: "real", defaultNetwork: "default",
                domain: "bosh")
        }
        return links
    }

    static let instance = RenderInstance(
        deployment: "real", instanceGroup: "real_ig", id: "4a1f0a6e-4b1e-4c41-9d5e-0d9b7d6f2a11", index: 1, az: "z2",
        bootstrap: false,
        networks: [RenderNetwork(name: "default", ip: "10.0.0.11", netmask: "255.255.255.0", gateway: "10.0.0.1")],
        persistentDisk: 10240, dns: RenderDNS(azs: ["z1": 1, "z2": 2], groups: ["instance-group/provider/real": 2]))

    static func transcript(_ name: String) async throws -> String {
        let release = try release(name)
        let recorder = ProcessInfo.processInfo.environment["BOSHKIT_RECORD_RENDERER"]
        // One directory for every release: the harness finds it in the environment, which the tests share.
        let recordings = FileManager.default.temporaryDirectory.path + "/boshkit-real-renders"
        try FileManager.default.createDirectory(atPath: recordings, withIntermediateDirectories: true)
        if recorder != nil { setenv("RECORD_HASH_DIR", recordings, 1) }
        let renderer = JobRenderer(timeout: .seconds(60), script: recorder)
        var out = "# \(name): every job rendered alone for real_ig/1\n"
        for job in release.jobs.sorted(by: { $0.record.name < $1.record.name }) {
            let properties: RenderValue
            let links: [String: RenderLink]
            do {
                properties = try job.spec.bindProperties(global: values(for: job.spec.properties))
                links = try Self.links(for: job, in: release)
            } catch {
                out += "!!! \(job.record.name): the stand-in properties cannot be bound: \(error)\n"
                continue
            }
            let input = JobRenderInput(
                job: job, releaseName: name, releaseVersion: release.manifest.version, properties: properties,
                links: links)
            let recorded = "\(recordings)/\(name)-\(release.manifest.version)-1-\(job.record.name)"
            do {
                let rendered = try await renderer.render([input], for: instance)
                for file in rendered.jobs[0].files where file.source != ".bosh/links.json" {
                    out += "==> \(job.record.name)/\(file.destination) <==\n\(file.text)\n<== end\n"
                }
                let hash = recorder != nil ? try String(contentsOfFile: recorded, encoding: .utf8) : rendered.configurationHash
                out += "==> \(job.record.name)/monit <==\n\(String(decoding: rendered.jobs[0].monit, as: UTF8.self))\n<== end\n"
                out += "configuration_hash \(job.record.name): \(hash)\n"
            } catch {
                let text = recorder != nil ? try String(contentsOfFile: recorded + ".error", encoding: .utf8) : "\(error)"
                out += "!!! \(job.record.name) failed\n\(text)\n"
            }
        }
        return out
    }

    @Test(arguments: releases) func rendersLikeTheDirector(_ name: String) async throws {
        let text = try await Self.transcript(name)
        let fixture = Fixtures.root.appendingPathComponent("rendering/real-\(name).txt")
        if ProcessInfo.processInfo.environment["BOSHKIT_RECORD_RENDERER"] != nil {
            try text.write(to: fixture, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: fixture, encoding: .utf8)
        if text != expected, let dump = ProcessInfo.processInfo.environment["BOSHKIT_RENDER_DUMP"] {
            try text.write(toFile: dump + "/real-" + name + ".txt", atomically: true, encoding: .utf8)
        }
        #expect(text == expected)
    }
}

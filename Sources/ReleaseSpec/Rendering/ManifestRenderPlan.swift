import BoshArchive
import BoshYAML

/// What to render for one instance of a deployment manifest's instance group, without a director: the
/// instance (`spec`) and, for each of the group's jobs that the release has, its bound properties.
///
/// Without a cloud config some values are stand-ins, chosen so templates see the shapes they expect: the
/// instance id is a UUID derived from deployment, group and index; the AZ is `azs[index % count]`; a
/// network's IP is the group's `static_ips[index]` when given, else `10.244.<network position>.<index + 2>`;
/// `persistent_disk` is the group's `persistent_disk` size (0 for a `persistent_disk_type`).
/// Links are not resolved here: pass them in (the Scheduler resolves them from the whole deployment).
public struct ManifestRenderPlan: Sendable {
    /// The instance being rendered.
    public var instance: RenderInstance
    /// The jobs to render, in the instance group's order.
    public var jobs: [JobRenderInput]

    /// Plans the rendering of instance `index` of `instanceGroup`.
    /// - Parameters:
    ///   - manifest: the deployment manifest's root mapping (already interpolated).
    ///   - release: the release tarball the jobs come from.
    ///   - instanceGroup: the instance group's name.
    ///   - jobNames: only these jobs (default: every job of the group from this release).
    ///   - index: the instance index.
    ///   - links: resolved links by job name, then by consumed link name.
    public init(
        manifest: YAMLNode, release: Release, instanceGroup: String, jobNames: [String]? = nil, index: Int = 0,
        links: [String: [String: RenderLink]] = [:]
    ) throws(RenderError) {
        guard manifest.kind == .mapping else { throw RenderError(.invalidInput, "the manifest is not a mapping") }
        let deployment = manifest["name"]?.string ?? "deployment"
        guard let group = manifest["instance_groups"]?.items.first(where: { $0["name"]?.string == instanceGroup })
        else {
            throw RenderError(.unknownInstanceGroup, "the manifest has no instance group '\(instanceGroup)'")
        }
        var count = 1
        if case .int(let n)? = group["instances"]?.scalar { count = Int(n) }
        guard index >= 0, index < max(count, 1) else {
            throw RenderError(
                .invalidInput, "instance group '\(instanceGroup)' has \(count) instances; there is no index \(index)")
        }
        instance = Self.instance(deployment: deployment, group: group, name: instanceGroup, index: index)
        let global = manifest["properties"].map(RenderValue.init)
        let groupProperties = group["properties"].map(RenderValue.init)
        let releaseVersions = Dictionary(
            (manifest["releases"]?.items ?? []).compactMap { r in r["name"]?.string.map { ($0, r["version"]?.string) }
            },
            uniquingKeysWith: { first, _ in first })
        var inputs: [JobRenderInput] = []
        for entry in group["jobs"]?.items ?? [] {
            guard let name = entry["name"]?.string, jobNames?.contains(name) ?? true else { continue }
            if let releaseName = entry["release"]?.string, releaseName != release.manifest.name { continue }
            guard let job = release.job(named: name) else {
                throw RenderError(.unknownJob, "release '\(release.manifest.name)' has no job '\(name)'", job: name)
            }
            let properties = try job.spec.bindProperties(
                global: global, instanceGroup: groupProperties, job: entry["properties"].map(RenderValue.init))
            var version = releaseVersions[release.manifest.name] ?? nil
            if version == nil || version == "latest" { version = release.manifest.version }
            inputs.append(
                JobRenderInput(
                    job: job, releaseName: release.manifest.name, releaseVersion: version ?? "",
                    properties: properties, links: links[name] ?? [:]))
        }
        if let missing = jobNames?.first(where: { name in !inputs.contains { $0.name == name } }) {
            throw RenderError(
                .unknownInstanceGroup,
                "instance group '\(instanceGroup)' has no job '\(missing)' from release "
                    + "'\(release.manifest.name)'", job: missing)
        }
        jobs = inputs
    }

    private static func instance(deployment: String, group: YAMLNode, name: String, index: Int) -> RenderInstance {
        let azs = (group["azs"]?.items ?? []).compactMap(\.string)
        var networks: [RenderNetwork] = []
        for (position, network) in (group["networks"]?.items ?? []).enumerated() {
            let staticIPs = (network["static_ips"]?.items ?? []).compactMap(\.string)
            networks.append(
                RenderNetwork(
                    name: network["name"]?.string ?? "default", type: "manual",
                    ip: index < staticIPs.count ? staticIPs[index] : "10.244.\(position).\(index + 2)",
                    netmask: "255.255.255.0", gateway: "10.244.\(position).1",
                    defaults: (network["default"]?.items ?? []).compactMap(\.string)))
        }
        var disk = 0
        if case .int(let size)? = group["persistent_disk"]?.scalar { disk = Int(size) }
        return RenderInstance(
            deployment: deployment, instanceGroup: name, id: uuid("\(deployment)/\(name)/\(index)"), index: index,
            az: azs.isEmpty ? nil : azs[index % azs.count], networks: networks, persistentDisk: disk)
    }

    /// A stable UUID-shaped id from a name (SHA-1 based, version 5 layout).
    static func uuid(_ name: String) -> String {
        var hex = Array(DigestHasher.hex(.sha1, of: Array(name.utf8)).prefix(32))
        hex[12] = "5"
        let variant = Int(String(hex[16]), radix: 16) ?? 0
        hex[16] = Character(String((variant & 0x3) | 0x8, radix: 16))
        let s = String(hex)
        func part(_ a: Int, _ b: Int) -> Substring { s.dropFirst(a).prefix(b - a) }
        return [part(0, 8), part(8, 12), part(12, 16), part(16, 20), part(20, 32)].joined(separator: "-")
    }
}

import BoshArchive
import BoshYAML

/// What to render for one instance of a deployment manifest's instance group, without a director: the
/// instance (`spec`) and every job of the group with its bound properties, links and provided links, as the
/// director renders an instance.
///
/// Give the manifest as the director receives it: the `bosh` CLI uploads its own re-serialization, with every
/// hash's keys sorted, so templates see sorted keys (``asUploaded(_:)`` does the same to a manifest file).
///
/// Without a director some values are stand-ins (``RenderInstanceOverrides`` replaces them): the instance id
/// is a UUID derived from deployment, group and index; the AZ is `azs[index % count]`; a network's IP is the
/// group's `static_ips[index]` when given, else `10.244.<network position>.<index + 2>`; `persistent_disk` is
/// the group's `persistent_disk` size (0 for a `persistent_disk_type`). Links are resolved by the caller (the
/// Scheduler resolves them from the whole deployment) and passed in.
public struct ManifestRenderPlan: Sendable {
    /// The instance being rendered.
    public var instance: RenderInstance
    /// The jobs to render, in the instance group's order.
    public var jobs: [JobRenderInput]

    /// Plans the rendering of instance `index` of `instanceGroup`: every job of the group, from the given
    /// releases.
    /// - Parameters:
    ///   - manifest: the deployment manifest's root mapping (interpolated; see ``asUploaded(_:)``).
    ///   - releases: the releases the group's jobs come from (each job's `release:`).
    ///   - instanceGroup: the instance group's name.
    ///   - index: the instance index.
    ///   - links: resolved links by job name, then by consumed link name.
    ///   - overrides: director values to use instead of the stand-ins.
    /// - Throws: ``RenderError`` for an unknown group, job or release, an index out of range, or properties
    ///   that cannot be bound (in the director's words).
    public init(
        manifest: YAMLNode, releases: [Release], instanceGroup: String, index: Int = 0,
        links: [String: [String: RenderLink]] = [:], overrides: RenderInstanceOverrides = RenderInstanceOverrides()
    ) throws(RenderError) {
        try self.init(
            manifest: manifest, releases: releases, instanceGroup: instanceGroup, only: nil, index: index, links: links,
            overrides: overrides)
    }

    /// Plans the rendering of instance `index` of `instanceGroup` for the jobs of one release.
    /// - Parameters:
    ///   - manifest: the deployment manifest's root mapping (already interpolated).
    ///   - release: the release tarball the jobs come from; the group's jobs from other releases are left out
    ///     (of the rendering and of `spec.job.templates`).
    ///   - instanceGroup: the instance group's name.
    ///   - jobNames: only these jobs (default: every job of the group from this release).
    ///   - index: the instance index.
    ///   - links: resolved links by job name, then by consumed link name.
    public init(
        manifest: YAMLNode, release: Release, instanceGroup: String, jobNames: [String]? = nil, index: Int = 0,
        links: [String: [String: RenderLink]] = [:]
    ) throws(RenderError) {
        try self.init(
            manifest: manifest, releases: [release], instanceGroup: instanceGroup, only: jobNames ?? [], index: index,
            links: links, overrides: RenderInstanceOverrides())
    }

    /// `only == nil`: every job of the group, each from its release; otherwise the jobs of the first release
    /// (those named in `only`, or all when it is empty).
    private init(
        manifest: YAMLNode, releases: [Release], instanceGroup: String, only: [String]?, index: Int,
        links: [String: [String: RenderLink]], overrides: RenderInstanceOverrides
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
        let dns = overrides.dns ?? Self.dnsNumbering(manifest: manifest, releases: releases)
        instance = Self.instance(
            deployment: deployment, group: group, name: instanceGroup, index: index, overrides: overrides, dns: dns)
        instance.usesDNSAddresses = manifest["features"]?["use_dns_addresses"]?.scalar == .bool(true)
        let global = manifest["properties"].map(RenderValue.init)
        let groupProperties = try Self.properties(of: group).map(RenderValue.init)
        var inputs: [JobRenderInput] = []
        for entry in group["jobs"]?.items ?? [] {
            guard let name = entry["name"]?.string else { continue }
            let releaseName = entry["release"]?.string
            let release: Release
            if let only {
                guard only.isEmpty || only.contains(name), let first = releases.first else { continue }
                if let releaseName, releaseName != first.manifest.name { continue }
                release = first
            } else {
                guard let found = releases.first(where: { $0.manifest.name == releaseName }) else {
                    throw RenderError(
                        .unknownJob, "job '\(name)' comes from release '\(releaseName ?? "")', which was not given",
                        job: name)
                }
                release = found
            }
            guard let job = release.job(named: name) else {
                throw RenderError(.unknownJob, "Job '\(name)' not found in release '\(release.manifest.name)'", job: name)
            }
            let properties = try job.spec.bindProperties(
                global: global, instanceGroup: groupProperties, job: try Self.properties(of: entry).map(RenderValue.init))
            inputs.append(
                JobRenderInput(
                    job: job, releaseName: release.manifest.name,
                    releaseVersion: Self.version(of: release, in: manifest), properties: properties,
                    links: links[name] ?? [:],
                    providedLinks: Self.providedLinks(
                        of: job, entry: entry, group: instanceGroup, deployment: deployment, dns: dns)))
        }
        if let only, let missing = only.first(where: { name in !inputs.contains { $0.name == name } }) {
            throw RenderError(
                .unknownInstanceGroup,
                "instance group '\(instanceGroup)' has no job '\(missing)' from release "
                    + "'\(releases.first?.manifest.name ?? "")'", job: missing)
        }
        jobs = inputs
    }

    /// The `spec` the templates of `job` see (its properties and links, the instance, the release), or `nil`
    /// for a job the plan does not render.
    public func templateSpec(of job: String) -> RenderValue? {
        guard let input = jobs.first(where: { $0.name == job }) else { return nil }
        return instance.templateSpec(
            job: input.name, jobs: jobs, release: (input.releaseName, input.releaseVersion),
            properties: input.properties, links: input.links)
    }

    /// A manifest as the director receives it from the `bosh` CLI: re-serialized as `bosh int` prints it, so
    /// every hash has its keys sorted and every scalar is written as yaml.v2 writes it.
    public static func asUploaded(_ manifest: YAMLNode) throws -> YAMLNode {
        let tree = try YAMLParser.parse(try manifest.emit(style: .boshInt), file: manifest.file)
        guard let root = tree.root else { return manifest }
        return YAMLNode(tree: tree, id: root)
    }

    /// The director's DNS numbering of a fresh director for this manifest (see ``RenderDNS``); AZs in the
    /// order the instance groups first name them (a cloud config's order, when the caller has one, is better).
    public static func dnsNumbering(manifest: YAMLNode, releases: [Release], azs: [String]? = nil) -> RenderDNS {
        let deployment = manifest["name"]?.string ?? "deployment"
        let groups = manifest["instance_groups"]?.items ?? []
        var azNames: [String] = azs ?? []
        if azs == nil {
            for name in groups.flatMap({ ($0["azs"]?.items ?? []).compactMap(\.string) }) where !azNames.contains(name) {
                azNames.append(name)
            }
        }
        var numbering = RenderDNS(azs: Dictionary(azNames.enumerated().map { ($1, $0 + 1) }, uniquingKeysWith: { a, _ in a }))
        var next = 1
        func number(_ key: String) {
            guard numbering.groups[key] == nil else { return }
            numbering.groups[key] = next
            next += 1
        }
        for group in groups { number("instance-group/\(group["name"]?.string ?? "")/\(deployment)") }
        for group in groups {
            for entry in group["jobs"]?.items ?? [] {
                guard let name = entry["name"]?.string,
                    let job = releases.first(where: { $0.manifest.name == entry["release"]?.string })?.job(named: name)
                else { continue }
                for (link, type) in providedNames(of: job, entry: entry) { number("link/\(link)-\(type)/\(deployment)") }
            }
        }
        return numbering
    }

    /// The links a job entry provides: the spec's `provides`, under the manifest's `as:` alias, less those the
    /// manifest sets to nil.
    private static func providedNames(of job: ReleaseJob, entry: YAMLNode) -> [(name: String, type: String)] {
        job.spec.provides.compactMap { definition in
            let setting = entry["provides"]?[definition.name]
            if let setting, setting.kind == .scalar, setting.scalar == .null || setting.string == "nil" { return nil }
            return (setting?["as"]?.string ?? definition.name, definition.type)
        }
    }

    private static func providedLinks(
        of job: ReleaseJob, entry: YAMLNode, group: String, deployment: String, dns: RenderDNS
    ) -> [ProvidedLink] {
        providedNames(of: job, entry: entry).map { name, type in
            let id = dns.groupID(type: "link", name: "\(name)-\(type)", deployment: deployment)
            return ProvidedLink(name: name, type: type, group: id.map(String.init) ?? "")
        }
    }

    /// A `properties:` key's value: absent → `nil`; anything but a hash is the director's refusal.
    private static func properties(of node: YAMLNode) throws(RenderError) -> YAMLNode? {
        guard let value = node["properties"] else { return nil }
        guard value.kind == .mapping else {
            let shown = value.scalar == .null ? "nil" : value.kind == .sequence ? "[…]" : "\"\(value.string ?? "")\""
            throw RenderError(
                .invalidInput, "Property 'properties' value (\(shown)) did not match the required type 'Hash'")
        }
        return value
    }

    private static func version(of release: Release, in manifest: YAMLNode) -> String {
        let entry = manifest["releases"]?.items.first { $0["name"]?.string == release.manifest.name }
        guard let version = entry?["version"]?.string, version != "latest" else { return release.manifest.version }
        return version
    }

    private static func instance(
        deployment: String, group: YAMLNode, name: String, index: Int, overrides: RenderInstanceOverrides,
        dns: RenderDNS
    ) -> RenderInstance {
        let azs = (group["azs"]?.items ?? []).compactMap(\.string)
        var networks: [RenderNetwork] = overrides.networks ?? []
        if overrides.networks == nil {
            for (position, network) in (group["networks"]?.items ?? []).enumerated() {
                let name = network["name"]?.string ?? "default"
                let staticIPs = (network["static_ips"]?.items ?? []).compactMap(\.string)
                networks.append(
                    RenderNetwork(
                        name: name, type: "manual",
                        ip: overrides.ips[name] ?? (index < staticIPs.count ? staticIPs[index] : "10.244.\(position).\(index + 2)"),
                        netmask: "255.255.255.0", gateway: "10.244.\(position).1",
                        defaults: (network["default"]?.items ?? []).compactMap(\.string)))
            }
        }
        var disk = 0
        if case .int(let size)? = group["persistent_disk"]?.scalar { disk = Int(size) }
        return RenderInstance(
            deployment: deployment, instanceGroup: name, id: overrides.id ?? uuid("\(deployment)/\(name)/\(index)"),
            index: index, az: overrides.az ?? (azs.isEmpty ? nil : azs[index % azs.count]),
            bootstrap: overrides.bootstrap, networks: networks, address: overrides.address,
            persistentDisk: overrides.persistentDisk ?? disk, dns: dns)
    }

    /// The stand-in instance id of `instanceGroup/index`: a UUID-shaped id derived from the names, stable
    /// across runs.
    public static func standInID(deployment: String, instanceGroup: String, index: Int) -> String {
        uuid("\(deployment)/\(instanceGroup)/\(index)")
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

/// Director values for the instance a ``ManifestRenderPlan`` renders, in place of its stand-ins.
public struct RenderInstanceOverrides: Sendable {
    /// The instance id (`spec.id`).
    public var id: String?
    /// The AZ (`spec.az`).
    public var az: String?
    /// Whether it is the bootstrap instance (default: index 0).
    public var bootstrap: Bool?
    /// The instance's networks, complete (IPs, netmasks, gateways, DNS, defaults, cloud properties).
    public var networks: [RenderNetwork]?
    /// IPs by network name, for the stand-in networks.
    public var ips: [String: String]
    /// `spec.address`.
    public var address: String?
    /// `spec.persistent_disk` in MiB.
    public var persistentDisk: Int?
    /// The DNS numbering (default: ``ManifestRenderPlan/dnsNumbering(manifest:releases:azs:)``).
    public var dns: RenderDNS?

    /// Creates overrides; `nil` keeps the stand-in.
    public init(
        id: String? = nil, az: String? = nil, bootstrap: Bool? = nil, networks: [RenderNetwork]? = nil,
        ips: [String: String] = [:], address: String? = nil, persistentDisk: Int? = nil, dns: RenderDNS? = nil
    ) {
        self.id = id
        self.az = az
        self.bootstrap = bootstrap
        self.networks = networks
        self.ips = ips
        self.address = address
        self.persistentDisk = persistentDisk
        self.dns = dns
    }
}

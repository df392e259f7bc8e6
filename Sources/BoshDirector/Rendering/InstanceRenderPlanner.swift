import BoshYAML
import Foundation
import ManifestModel
import ReleaseSpec
import Scheduler

/// What the director would render for one instance of a deployment, without a director: the Scheduler places
/// the instances and resolves the links from the whole manifest, as a deploy would, and the result is a
/// ``ManifestRenderPlan`` for every job of the instance's group.
///
/// Without a cloud config, a stand-in one is made from the names the manifest uses: its AZs in the order the
/// instance groups name them, its VM types, extensions and disk types, and for each network a manual network
/// with a subnet `10.244.<n>.0/24` over the AZs of the groups on it, plus a `/24` subnet for any static IPs
/// outside it. (A group without AZs on a network whose other groups have AZs is refused, as the director does.)
public enum InstanceRenderPlanner {
    /// Plans the rendering of instance `index` of `instanceGroup`.
    /// - Parameters:
    ///   - manifest: the deployment manifest as the director receives it (``ManifestRenderPlan/asUploaded(_:)``).
    ///   - cloudConfig: the cloud config (interpolated), or `nil` for a stand-in.
    ///   - releases: the releases of the group's jobs and of the jobs providing their links.
    ///   - instanceGroup: the instance group.
    ///   - index: the instance index.
    ///   - overrides: values the caller fixes (id, AZ, IPs by network, address); the rest come from the plan.
    /// - Throws: the manifest's or the cloud config's problems, the Scheduler's refusals (placement, links),
    ///   ``DirectorError`` for an unknown group or index, or ``RenderError``.
    public static func plan(
        manifest: YAMLNode, cloudConfig: YAMLTree?, releases: [Release], instanceGroup: String, index: Int,
        overrides: RenderInstanceOverrides = RenderInstanceOverrides()
    ) throws -> ManifestRenderPlan {
        var deployment = try DeploymentManifest(tree: manifest.tree)
        if deployment.update == nil {  // rendering does not update anything: any policy will do
            var update = UpdatePolicy()
            update.canaries = 1
            update.maxInFlight = .count(1)
            update.canaryWatchTime = WatchTime(milliseconds: 1000)
            update.updateWatchTime = update.canaryWatchTime
            deployment.update = update
        }
        let cloud = try CloudConfig(tree: try cloudConfig ?? standInCloudConfig(for: manifest))
        let plan = try DeploymentPlanner(
            manifest: deployment, cloudConfig: cloud, linkCatalog: ReleaseCatalogs.links(releases)
        ).plan()
        guard let group = plan.instanceGroups.first(where: { $0.name == instanceGroup }) else {
            throw DirectorError("the manifest has no instance group '\(instanceGroup)'")
        }
        guard let planned = group.instances.first(where: { $0.index == index }) else {
            throw DirectorError(
                "instance group '\(instanceGroup)' has \(group.instances.count) instances; there is no index \(index)")
        }
        var ids: [String: String] = [:]
        for group in plan.instanceGroups {
            for instance in group.instances {
                ids["\(group.name)/\(instance.index)"] = ManifestRenderPlan.standInID(
                    deployment: deployment.name, instanceGroup: group.name, index: instance.index)
            }
        }
        if let id = overrides.id { ids["\(instanceGroup)/\(index)"] = id }
        let layout = try NetworkLayout(cloudConfig: cloud)
        var networks: [RenderNetwork] = []
        for address in planned.addresses {
            let ip = overrides.ips[address.network].flatMap(IPv4Address.init) ?? address.ip
            let network = try NetworkSpecs.cpi(
                network: address.network, ip: ip, isDefault: address.isDefault, cloud: cloud, layout: layout)
            networks.append(NetworkSpecs.render(network, name: address.network))
        }
        var links: [String: [String: RenderLink]] = [:]
        for job in deployment.allInstanceGroups.first(where: { $0.name == instanceGroup })?.allJobs ?? [] {
            links[job.name] = RenderLinks.links(group: instanceGroup, job: job.name, plan: plan, ids: ids)
        }
        var resolved = overrides
        resolved.id = ids["\(instanceGroup)/\(index)"]
        resolved.az = overrides.az ?? planned.az
        resolved.bootstrap = overrides.bootstrap ?? planned.bootstrap
        resolved.networks = overrides.networks ?? networks
        resolved.dns = overrides.dns
            ?? ManifestRenderPlan.dnsNumbering(manifest: manifest, releases: releases, azs: cloud.azs?.map(\.name))
        return try ManifestRenderPlan(
            manifest: manifest, releases: releases, instanceGroup: instanceGroup, index: index, links: links,
            overrides: resolved)
    }

    /// The stand-in cloud config for a manifest (see the type's description).
    public static func standInCloudConfig(for manifest: YAMLNode) throws -> YAMLTree {
        let groups = manifest["instance_groups"]?.items ?? []
        func names(_ key: String) -> [String] {
            var seen: [String] = []
            for group in groups {
                let values = group[key].map { $0.kind == .sequence ? $0.items.compactMap(\.string) : [$0.string].compactMap { $0 } }
                for name in values ?? [] where !seen.contains(name) { seen.append(name) }
            }
            return seen
        }
        let azs = names("azs")
        var networkNames: [String] = []
        var staticIPs: [String: [String]] = [:]
        var networkAZs: [String: [String]] = [:]
        for group in groups {
            let groupAZs = (group["azs"]?.items ?? []).compactMap(\.string)
            for network in group["networks"]?.items ?? [] {
                guard let name = network["name"]?.string else { continue }
                if !networkNames.contains(name) { networkNames.append(name) }
                staticIPs[name, default: []] += (network["static_ips"]?.items ?? []).compactMap(\.string)
                for az in groupAZs where !(networkAZs[name] ?? []).contains(az) { networkAZs[name, default: []].append(az) }
            }
        }
        func quoted(_ names: [String]) -> String { "[" + names.map { "\"\($0)\"" }.joined(separator: ", ") + "]" }
        var yaml = "azs: [" + azs.map { "{name: \"\($0)\"}" }.joined(separator: ", ") + "]\n"
        yaml += "vm_types: [" + names("vm_type").map { "{name: \"\($0)\"}" }.joined(separator: ", ") + "]\n"
        yaml += "vm_extensions: [" + names("vm_extensions").map { "{name: \"\($0)\"}" }.joined(separator: ", ") + "]\n"
        yaml += "disk_types: [" + names("persistent_disk_type").map { "{name: \"\($0)\", disk_size: 1024}" }.joined(separator: ", ") + "]\n"
        yaml += "networks:\n"
        for (position, name) in networkNames.enumerated() {
            let own = "10.244.\(position)."
            let zones = networkAZs[name] ?? []
            let azList = zones.isEmpty ? "" : ", azs: \(quoted(zones))"
            yaml += "- name: \"\(name)\"\n  type: manual\n  subnets:\n"
            let inside = (staticIPs[name] ?? []).filter { $0.hasPrefix(own) }
            yaml += "  - {range: \(own)0/24, gateway: \(own)1, static: \(quoted(inside))\(azList)}\n"
            var prefixes: [String] = []
            for ip in staticIPs[name] ?? [] where !ip.hasPrefix(own) {
                let prefix = ip.split(separator: ".").prefix(3).joined(separator: ".") + "."
                if !prefixes.contains(prefix) { prefixes.append(prefix) }
            }
            for prefix in prefixes {
                let ips = (staticIPs[name] ?? []).filter { $0.hasPrefix(prefix) }
                yaml += "  - {range: \(prefix)0/24, gateway: \(prefix)1, static: \(quoted(ips))\(azList)}\n"
            }
        }
        if let first = networkNames.first {
            yaml += "compilation: {workers: 1, network: \"\(first)\"\(azs.first.map { ", az: \"\($0)\"" } ?? "")}\n"
        }
        return try YAMLParser.parse(yaml, file: "stand-in cloud config")
    }
}

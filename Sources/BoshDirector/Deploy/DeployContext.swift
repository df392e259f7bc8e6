import BoshYAML
import CPIProtocol
import ManifestModel
import ReleaseSpec
import Scheduler

/// Everything an instance update needs from the deploy that runs it; immutable while instances update.
struct DeployContext: Sendable {
    var deployment: String
    var manifestRoot: YAMLNode
    var manifest: DeploymentManifest
    var cloudConfig: CloudConfig
    var networks: NetworkLayout
    var plan: DeploymentPlan
    /// Uploaded releases the manifest uses, by name.
    var releases: [String: (record: ReleaseRecord, release: Release)]
    /// The stemcell of each manifest stemcell alias.
    var stemcells: [String: StemcellRecord]
    /// Compiled packages by `release/package`.
    var compiled: [String: CompiledPackageRecord]
    /// Instance ids by `group/index` (existing ones kept, new ones made up front).
    var ids: [String: String]
    /// The DNS numbering templates see (`link(...).address`, `.bosh/links.json`).
    var dns: RenderDNS

    func planned(group name: String, index: Int) -> PlannedInstance? {
        plan.instanceGroups.first { $0.name == name }.flatMap { group in
            group.instances.first { $0.index == index } ?? group.obsolete.first { $0.index == index }
        }
    }

    func group(_ name: String) -> InstanceGroup? { manifest.allInstanceGroups.first { $0.name == name } }

    /// The CPI networks of a planned instance: address, netmask, gateway, DNS and defaults from the cloud config.
    func cpiNetworks(_ addresses: [PlannedAddress]) throws -> [String: CPINetwork] {
        var result: [String: CPINetwork] = [:]
        for address in addresses {
            result[address.network] = try NetworkSpecs.cpi(
                network: address.network, ip: address.ip, isDefault: address.isDefault, cloud: cloudConfig, layout: networks)
        }
        return result
    }

    /// The cloud properties of a group's VM type.
    func vmCloudProperties(_ group: InstanceGroup) throws -> [String: JSONValue] {
        let type = cloudConfig.vmTypes?.first { $0.name == group.vmType }
        return try JSONConversion.object(type?.cloudProperties)
    }
}

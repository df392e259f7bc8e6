import CPIProtocol
import ManifestModel
import ReleaseSpec
import Scheduler

/// The `networks` entries a VM gets from the cloud config: type, address, netmask, gateway, DNS, defaults and
/// the subnet's cloud properties.
enum NetworkSpecs {
    static func cpi(
        network name: String, ip: IPv4Address?, isDefault: Bool, cloud: CloudConfig, layout: NetworkLayout
    ) throws -> CPINetwork {
        let network = cloud.networks?.first { $0.name == name }
        let details = ip.flatMap { layout.subnet(of: name, containing: $0) }
        let subnets = network?.subnets ?? []
        let subnet = details.flatMap { subnets.indices.contains($0.index) ? subnets[$0.index] : nil } ?? subnets.first
        return CPINetwork(
            type: network?.kind ?? "manual", ip: ip?.description, netmask: details?.netmask, gateway: details?.gateway,
            dns: details.map { $0.dns.isEmpty ? nil : $0.dns } ?? nil, default: isDefault ? ["dns", "gateway"] : nil,
            cloudProperties: try JSONConversion.object(subnet?.cloudProperties ?? network?.cloudProperties))
    }

    /// A VM's network as templates see it (`spec.networks.<name>`).
    static func render(_ network: CPINetwork, name: String) -> RenderNetwork {
        RenderNetwork(
            name: name, type: network.type ?? "manual", ip: network.ip, netmask: network.netmask,
            gateway: network.gateway, dns: network.dns ?? [], defaults: network.default ?? [],
            cloudProperties: renderValue(.object(network.cloudProperties ?? [:])))
    }

    /// A JSON value as templates see it; hash keys sorted, as the director reads the CLI's sorted YAML.
    static func renderValue(_ value: JSONValue) -> RenderValue {
        switch value {
        case .null: return .null
        case .bool(let b): return .bool(b)
        case .int(let i): return .number(String(i))
        case .double(let d): return .number(String(d))
        case .string(let s): return .string(s)
        case .array(let items): return .array(items.map(renderValue))
        case .object(let entries): return .object(entries.sorted { $0.key < $1.key }.map { ($0.key, renderValue($0.value)) })
        }
    }
}

import CPIProtocol
import ManifestModel
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
}

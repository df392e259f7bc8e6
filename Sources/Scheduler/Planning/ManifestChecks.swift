import ManifestModel

/// Reference checks the planner needs before placing anything: every AZ, network, VM type, VM extension,
/// disk type and stemcell an instance group names must exist, and a group on several networks must say
/// which one is the default for `dns` and `gateway`.
enum ManifestChecks {
    static func check(_ manifest: DeploymentManifest, _ cloud: CloudConfig, _ layout: NetworkLayout) throws {
        let azs = Set((cloud.azs ?? []).map(\.name))
        let vmTypes = Set((cloud.vmTypes ?? []).map(\.name))
        let extensions = Set((cloud.vmExtensions ?? []).map(\.name))
        let diskTypes = Set((cloud.diskTypes ?? []).map(\.name))
        let stemcells = Set((manifest.stemcells ?? []).map(\.alias))
        func unknown(_ path: String, _ message: String) -> SchedulerError {
            SchedulerError(.unknownReference, .manifest, path, message)
        }
        func known(_ set: Set<String>) -> String { set.sorted().joined(separator: ", ") }
        var manualAZs: [String: Set<String>] = [:]
        for (name, network) in layout.networks where network.kind == .manual {
            manualAZs[name] = Set(network.subnets.flatMap(\.azs))
        }
        for group in manifest.allInstanceGroups {
            let path = Paths.group(group.name)
            for az in group.azs ?? [] where !azs.contains(az) {
                throw unknown(path + "/azs", "Instance group '\(group.name)' references unknown availability zone '\(az)' (the cloud config defines: \(known(azs)))")
            }
            if let t = group.vmType, !vmTypes.contains(t) {
                throw unknown(path + "/vm_type", "Instance group '\(group.name)' references unknown vm type '\(t)' (the cloud config defines: \(known(vmTypes)))")
            }
            for e in group.vmExtensions ?? [] where !extensions.contains(e) {
                throw unknown(path + "/vm_extensions", "Instance group '\(group.name)' references unknown vm extension '\(e)'")
            }
            if let d = group.persistentDiskType, !diskTypes.contains(d) {
                throw unknown(path + "/persistent_disk_type", "Instance group '\(group.name)' references unknown disk type '\(d)' (the cloud config defines: \(known(diskTypes)))")
            }
            if let s = group.stemcell, !stemcells.contains(s) {
                throw unknown(path + "/stemcell", "Instance group '\(group.name)' references unknown stemcell alias '\(s)'")
            }
            let networks = group.networks ?? []
            for n in networks where layout.kind(of: n.name) == nil {
                throw unknown(Paths.groupNetwork(group.name, n.name), "Instance group '\(group.name)' references unknown network '\(n.name)' (the cloud config defines: \(layout.names.joined(separator: ", ")))")
            }
            for n in networks where layout.kind(of: n.name) == .manual {
                // The director's `has_azs?`: every AZ of the group (none counts as one) on some subnet.
                let networkAZs = manualAZs[n.name] ?? []
                let groupAZs = group.azs ?? []
                let fits = groupAZs.isEmpty ? networkAZs.isEmpty : groupAZs.allSatisfy(networkAZs.contains)
                if !fits {
                    throw SchedulerError(.placement, .manifest, Paths.groupNetwork(group.name, n.name),
                        "Instance group '\(group.name)' must specify availability zone that matches availability zones of network '\(n.name)'")
                }
            }
            if networks.count > 1 {
                for property in ["dns", "gateway"] {
                    let holders = networks.filter { $0.default?.contains(property) == true }
                    if holders.isEmpty {
                        throw SchedulerError(.placement, .manifest, path + "/networks",
                            "Instance group '\(group.name)' must specify which network is default for \(property), since it has more than one network configured")
                    }
                    if holders.count > 1 {
                        throw SchedulerError(.placement, .manifest, path + "/networks",
                            "Instance group '\(group.name)' specified more than one network to contain default \(property): \(holders.map(\.name).joined(separator: ", "))")
                    }
                }
            }
        }
    }

    /// The static IPs of a group's network, expanded (`a - b` ranges and CIDRs allowed, as in the director).
    static func staticIPs(_ network: InstanceGroupNetwork, group: InstanceGroup) throws -> [IPv4Address]? {
        let path = Paths.groupNetwork(group.name, network.name) + "/static_ips"
        switch network.staticIPs {
        case nil: return nil
        case .variable(let name)?:
            throw SchedulerError(.placement, .manifest, path, "'((\(name)))' was never interpolated; pass the variable")
        case .value(let entries)?:
            var ips: [IPv4Address] = []
            for entry in entries {
                guard let r = AddressListParser.parse(entry) else {
                    throw SchedulerError(.ipAllocation, .manifest, path, "Invalid static IP '\(entry)' for instance group '\(group.name)'")
                }
                ips += r.map(IPv4Address.init)
            }
            if ips.count != group.instances {
                throw SchedulerError(.placement, .manifest, path,
                    "Instance group '\(group.name)' has \(group.instances) instances but was allocated \(ips.count) static IPs in network '\(network.name)'")
            }
            if Set(ips).count != ips.count {
                throw SchedulerError(.placement, .manifest, path, "Instance group '\(group.name)' lists a static IP more than once in network '\(network.name)'")
            }
            return ips
        }
    }
}

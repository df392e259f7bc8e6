import ManifestModel

/// The desired ``InstanceSpec`` of an instance of a group, from the manifest and cloud config.
enum DesiredSpec {
    static func spec(
        for group: InstanceGroup, manifest: DeploymentManifest, cloudConfig: CloudConfig, packages: PackageCatalog?
    ) -> InstanceSpec {
        var spec = InstanceSpec()
        if let alias = group.stemcell, let s = manifest.stemcells?.first(where: { $0.alias == alias }) {
            spec.stemcell = "\(s.os ?? s.name ?? alias)/\(s.version)"
        }
        spec.vmType = group.vmType
        spec.vmExtensions = group.vmExtensions ?? []
        spec.env = StateDigest.of(group.env)
        if let type = group.persistentDiskType {
            spec.persistentDiskType = type
            spec.persistentDiskSize = cloudConfig.diskTypes?.first { $0.name == type }?.diskSize ?? 0
        } else {
            spec.persistentDiskSize = group.persistentDisk ?? 0
        }
        let jobs = group.allJobs
        spec.jobs = jobs.map { "\($0.release)/\($0.name)" }
        var text = "group:" + StateDigest.of(group.properties)
        for job in jobs { text += "\n\(job.release)/\(job.name):" + StateDigest.of(job.properties) }
        spec.properties = StateDigest.of(text: text)
        if let packages {
            let fingerprints = jobs.flatMap { packages.closure(release: $0.release, job: $0.name) }.map { "\($0.release)/\($0.name)@\($0.fingerprint)" }
            spec.packages = StateDigest.of(text: fingerprints.sorted().joined(separator: "\n"))
        }
        return spec
    }
}

extension InstanceSpec {
    /// This spec with the instance's addresses.
    func with(_ addresses: [PlannedAddress]) -> InstanceSpec {
        var spec = self
        var networks: [String: String] = [:]
        for a in addresses { networks[a.network] = a.ip?.description ?? "dynamic" }
        spec.networks = networks
        return spec
    }
}

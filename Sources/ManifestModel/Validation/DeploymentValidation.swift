import BoshYAML

extension DeploymentManifest {
    /// Checks the references inside a deployment manifest, and against a cloud config when given one:
    /// duplicate names, unknown releases, stemcell aliases, VM types, VM extensions, AZs, networks and
    /// disk types; and what the director (v270 and later) refuses outright: the v1 blocks `jobs`,
    /// `resource_pools`, `networks` and `disk_pools`, the cloud-config sections `vm_types`, `azs`, `disk_types`
    /// and `compilation`, and an instance group's `template` or `templates`, each in the director's words.
    /// Every problem is returned (none means valid), each with its path and source position.
    /// Unknown keys are not errors (BOSH ignores them): ``validation(of:cloudConfig:)`` adds them as warnings.
    ///
    /// - Parameters:
    ///   - tree: the parsed manifest the value was read from (for positions).
    ///   - cloudConfig: the cloud config to check names against, if any.
    public static func validate(_ tree: YAMLTree, cloudConfig: CloudConfig? = nil) -> [ManifestProblem] {
        var (_, problems) = DeploymentManifest.decodeCollectingProblems(tree)
        guard let rootID = tree.root, tree.kind(rootID) == .mapping else { return problems }
        let root = TreeCursor(tree: tree, id: rootID, path: .root)
        problems += DirectorRefusals.problems(root)

        let releases = NameChecks.names(of: root["releases"], what: "release", into: &problems)
        let stemcells = NameChecks.names(of: root["stemcells"], field: "alias", what: "stemcell alias", into: &problems)
        _ = NameChecks.names(of: root["variables"], what: "variable", into: &problems)
        _ = NameChecks.names(of: root["addons"], what: "addon", into: &problems)
        let groupsKey = root["instance_groups"] != nil ? "instance_groups" : "jobs"
        _ = NameChecks.names(of: root[groupsKey], what: "instance group", into: &problems)

        let cloud = cloudConfig.map(CloudNames.init)
        for group in root[groupsKey]?.items ?? [] {
            let jobsKey = group["jobs"] != nil ? "jobs" : "templates"
            _ = NameChecks.names(of: group[jobsKey], what: "job", into: &problems)
            for job in group[jobsKey]?.items ?? [] {
                NameChecks.reference(job["release"], in: releases, what: "release", into: &problems)
            }
            if root["stemcells"] != nil {
                NameChecks.reference(group["stemcell"], in: stemcells, what: "stemcell alias", into: &problems)
            }
            _ = NameChecks.names(of: group["networks"], what: "network", into: &problems)
            guard let cloud else { continue }
            NameChecks.reference(group["vm_type"], in: cloud.vmTypes, what: "vm_type", into: &problems)
            for ext in group["vm_extensions"]?.scalarItems ?? [] {
                NameChecks.reference(ext, in: cloud.vmExtensions, what: "vm_extension", into: &problems)
            }
            for az in group["azs"]?.scalarItems ?? [] {
                NameChecks.reference(az, in: cloud.azs, what: "az", into: &problems)
            }
            for network in group["networks"]?.items ?? [] {
                NameChecks.reference(network["name"], in: cloud.networks, what: "network", into: &problems)
            }
            NameChecks.reference(group["persistent_disk_type"], in: cloud.diskTypes, what: "disk_type", into: &problems)
            for disk in group["persistent_disks"]?.items ?? [] {
                NameChecks.reference(disk["type"], in: cloud.diskTypes, what: "disk_type", into: &problems)
            }
        }
        return problems.sorted { ($0.mark?.line ?? 0, $0.mark?.column ?? 0) < ($1.mark?.line ?? 0, $1.mark?.column ?? 0) }
    }
}

/// The names a cloud config defines.
struct CloudNames {
    let azs: Set<String>
    let networks: Set<String>
    let vmTypes: Set<String>
    let vmExtensions: Set<String>
    let diskTypes: Set<String>

    init(_ config: CloudConfig) {
        azs = Set((config.azs ?? []).map(\.name))
        networks = Set((config.networks ?? []).map(\.name))
        vmTypes = Set((config.vmTypes ?? []).map(\.name))
        vmExtensions = Set((config.vmExtensions ?? []).map(\.name))
        diskTypes = Set((config.diskTypes ?? []).map(\.name))
    }
}

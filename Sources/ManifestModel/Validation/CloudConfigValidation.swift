import BoshYAML

extension CloudConfig {
    /// Checks a cloud config's names: duplicates, subnets and compilation naming unknown AZs, networks or
    /// VM types. Every problem is returned, each with its path and source position. Unknown keys are not
    /// errors: ``validation(of:)`` adds them as warnings.
    public static func validate(_ tree: YAMLTree) -> [ManifestProblem] {
        var (_, problems) = CloudConfig.decodeCollectingProblems(tree)
        guard let rootID = tree.root, tree.kind(rootID) == .mapping else { return problems }
        let root = TreeCursor(tree: tree, id: rootID, path: .root)
        let azs = NameChecks.names(of: root["azs"], what: "az", into: &problems)
        let networks = NameChecks.names(of: root["networks"], what: "network", into: &problems)
        let vmTypes = NameChecks.names(of: root["vm_types"], what: "vm_type", into: &problems)
        _ = NameChecks.names(of: root["vm_extensions"], what: "vm_extension", into: &problems)
        _ = NameChecks.names(of: root["disk_types"], what: "disk_type", into: &problems)
        for network in root["networks"]?.items ?? [] {
            for subnet in network["subnets"]?.items ?? [] {
                NameChecks.reference(subnet["az"], in: azs, what: "az", into: &problems)
                for az in subnet["azs"]?.scalarItems ?? [] {
                    NameChecks.reference(az, in: azs, what: "az", into: &problems)
                }
            }
        }
        if let compilation = root["compilation"] {
            NameChecks.reference(compilation["az"], in: azs, what: "az", into: &problems)
            NameChecks.reference(compilation["network"], in: networks, what: "network", into: &problems)
            NameChecks.reference(compilation["vm_type"], in: vmTypes, what: "vm_type", into: &problems)
        }
        return problems.sorted { ($0.mark?.line ?? 0, $0.mark?.column ?? 0) < ($1.mark?.line ?? 0, $1.mark?.column ?? 0) }
    }
}

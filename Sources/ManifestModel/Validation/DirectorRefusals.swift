import BoshYAML

/// What the director refuses in a deployment manifest before it plans anything, in its words
/// (`manifest_validator.rb` and `instance_group_spec_parser.rb`, v270 and later): the v1 blocks and the sections
/// that belong in a cloud config (by key, whatever the value), and an instance group's v1 `template` or
/// `templates` (when set: null and false count as absent, as in Ruby).
enum DirectorRefusals {
    static let topLevel: [(key: String, message: String)] = [
        ("vm_types", "Deployment manifest contains 'vm_types' section, but this can only be set in a cloud-config."),
        ("azs", "Deployment manifest contains 'azs' section, but this can only be set in a cloud-config."),
        ("disk_types", "Deployment manifest contains 'disk_types' section, but this can only be set in a cloud-config."),
        ("compilation", "Deployment manifest contains 'compilation' section, but this can only be set in a cloud-config."),
        ("networks", "Deployment 'networks' are no longer supported. Network definitions must now be provided in a cloud-config."),
        ("disk_pools", "disk_pools is no longer supported. Disk definitions must now be provided as disk_types in a cloud-config"),
        ("jobs", "Jobs are no longer supported, please use instance groups instead"),
        ("resource_pools", "resource_pools is no longer supported. You must now define resources in a cloud-config"),
    ]

    static func problems(_ root: TreeCursor) -> [ManifestProblem] {
        var problems = topLevel.compactMap { entry in root[entry.key]?.problem(entry.message) }
        for group in root["instance_groups"]?.items ?? [] {
            let legacy = ["template", "templates"].contains { key in
                guard let value = group[key] else { return false }
                let tree = value.tree
                guard tree.kind(value.id) == .scalar else { return true }
                let scalar = tree.resolved(value.id)
                return scalar != .null && scalar != .bool(false)
            }
            if legacy {
                problems.append(group.problem("specifies template or templates. This is no longer supported, please use jobs instead"))
            }
        }
        return problems
    }
}

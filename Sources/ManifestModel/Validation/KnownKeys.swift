/// The keys the BOSH director reads from a document, as a tree: which keys a map may have and what each
/// holds. Decided from the director's manifest and cloud config parsers (every key they read, including the
/// legacy ones they still accept or refuse with their own error), not from BoshKit's typed models.
indirect enum KnownKeys: Sendable {
    /// A map whose keys are known; each key's value is checked against its own schema.
    case map([String: KnownKeys])
    /// An array whose items all follow one schema.
    case list(KnownKeys)
    /// Anything: properties, cloud properties, env, link definitions… are not checked.
    case any

    /// The keys of a map schema, empty for the others.
    var keys: [String] {
        if case .map(let fields) = self { return fields.keys.sorted() }
        return []
    }
}

extension KnownKeys {
    /// A deployment manifest.
    static let deployment = KnownKeys.map([
        "name": .any, "director_uuid": .any, "releases": .list(release), "stemcells": .list(stemcell),
        "update": update, "instance_groups": .list(instanceGroup), "addons": .list(addon),
        "variables": .list(variable), "features": features, "tags": .any, "properties": .any,
        // v1 manifests: instance groups as `jobs`, and the cloud keys the director still reads (or refuses
        // with its own error when a cloud config exists).
        "jobs": .list(instanceGroup), "networks": .any, "resource_pools": .any, "disk_pools": .any,
        "compilation": .any, "azs": .any, "vm_types": .any, "vm_extensions": .any, "disk_types": .any,
        "cloud_provider": .any,
        // Not read by the director, but written by cf-deployment and read by BoshKit's model.
        "manifest_version": .any,
    ])

    static let release = KnownKeys.map([
        "name": .any, "version": .any, "url": .any, "sha1": .any,
        "stemcell": .map(["os": .any, "version": .any]),
        "exported_from": .list(.map(["os": .any, "version": .any])),
    ])

    static let stemcell = KnownKeys.map(["alias": .any, "os": .any, "name": .any, "version": .any])

    static let update = KnownKeys.map([
        "canaries": .any, "canary_watch_time": .any, "update_watch_time": .any, "max_in_flight": .any,
        "serial": .any, "vm_strategy": .any, "initial_deploy_az_update_strategy": .any,
    ])

    static let job = KnownKeys.map([
        "name": .any, "release": .any, "properties": .any, "consumes": .any, "provides": .any,
        "custom_provider_definitions": .any,
    ])

    static let instanceGroup = KnownKeys.map([
        "name": .any, "azs": .any, "instances": .any, "jobs": .list(job), "vm_type": .any,
        "vm_resources": .map(["cpu": .any, "ram": .any, "ephemeral_disk_size": .any]), "vm_extensions": .any,
        "stemcell": .any, "persistent_disk": .any, "persistent_disk_type": .any,
        "persistent_disks": .list(.map(["name": .any, "type": .any])),
        "networks": .list(.map(["name": .any, "default": .any, "static_ips": .any, "nic_group": .any])),
        "update": update, "migrated_from": .list(.map(["name": .any, "az": .any])), "lifecycle": .any,
        "properties": .any, "env": .any, "tags": .any, "state": .any, "instance_states": .any,
        // v1: jobs as `templates` or one `template`, VMs from a resource pool, disks from a disk pool.
        "templates": .list(job), "template": .any, "resource_pool": .any, "persistent_disk_pool": .any,
    ])

    static let variable = KnownKeys.map([
        "name": .any, "type": .any, "options": .any, "consumes": .any, "update_mode": .any,
    ])

    static let features = KnownKeys.map([
        "use_dns_addresses": .any, "use_short_dns_addresses": .any, "use_link_dns_names": .any,
        "randomize_az_placement": .any, "converge_variables": .any, "use_tmpfs_config": .any,
    ])

    static let addonFilter = KnownKeys.map([
        "deployments": .any, "stemcell": .list(.map(["os": .any])),
        "jobs": .list(.map(["name": .any, "release": .any])), "instance_groups": .any, "networks": .any,
        "teams": .any, "azs": .any, "lifecycle": .any,
    ])

    static let addon = KnownKeys.map([
        "name": .any, "jobs": .list(job), "include": addonFilter, "exclude": addonFilter, "properties": .any,
    ])

    /// A cloud config.
    static let cloudConfig = KnownKeys.map([
        "azs": .list(.map(["name": .any, "cloud_properties": .any, "cpi": .any])),
        "networks": .list(network),
        "vm_types": .list(.map(["name": .any, "cloud_properties": .any])),
        "vm_extensions": .list(.map(["name": .any, "cloud_properties": .any])),
        "disk_types": .list(.map(["name": .any, "disk_size": .any, "cloud_properties": .any])),
        "compilation": .map([
            "workers": .any, "az": .any, "network": .any, "vm_type": .any, "vm_resources": .any,
            "cloud_properties": .any, "reuse_compilation_vms": .any, "env": .any, "vm_extensions": .any,
            "orphan_workers": .any,
        ]),
    ])

    /// Manual, dynamic and vip networks share one schema (the union of their keys).
    static let network = KnownKeys.map([
        "name": .any, "type": .any, "managed": .any, "cloud_properties": .any, "dns": .any,
        "subnets": .list(.map([
            "name": .any, "range": .any, "gateway": .any, "dns": .any, "reserved": .any, "static": .any,
            "cloud_properties": .any, "az": .any, "azs": .any, "netmask_bits": .any, "prefix": .any,
        ])),
    ])
}

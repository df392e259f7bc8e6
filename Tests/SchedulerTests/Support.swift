import Foundation
import ManifestModel
import Scheduler

/// A small realistic cloud config: three AZs, one manual network with a subnet per AZ (gateway .1, reserved
/// .2-.9, static .10-.20 as in the director's IP provider specs), a dynamic and a vip network.
let cloudConfigYAML = """
    azs:
    - name: z1
    - name: z2
    - name: z3
    vm_types:
    - name: small
    - name: large
    vm_extensions:
    - name: lb
    disk_types:
    - name: 10GB
      disk_size: 10240
    networks:
    - name: default
      type: manual
      subnets:
      - range: 10.0.1.0/24
        gateway: 10.0.1.1
        reserved: [10.0.1.2 - 10.0.1.9]
        static: [10.0.1.10 - 10.0.1.20]
        dns: [8.8.8.8]
        az: z1
      - range: 10.0.2.0/24
        gateway: 10.0.2.1
        reserved: [10.0.2.2 - 10.0.2.9]
        static: [10.0.2.10 - 10.0.2.20]
        az: z2
      - range: 10.0.3.0/24
        gateway: 10.0.3.1
        reserved: [10.0.3.2 - 10.0.3.9]
        static: [10.0.3.10 - 10.0.3.20]
        az: z3
    - name: dhcp
      type: dynamic
      cloud_properties: {}
    - name: public
      type: vip
    compilation:
      workers: 4
      network: default
      az: z1
      vm_type: small
      reuse_compilation_vms: true
    """

func cloudConfig(_ yaml: String = cloudConfigYAML) throws -> CloudConfig {
    try CloudConfig(yaml: yaml, file: "cloud-config.yml")
}

/// A manifest with the given instance groups (YAML list items, indented by two spaces).
func manifest(_ groups: String, update: String = "canaries: 1\n  max_in_flight: 2\n  canary_watch_time: 1000-30000\n  update_watch_time: 5000", features: String = "") throws -> DeploymentManifest {
    try DeploymentManifest(yaml: """
        name: test
        releases:
        - {name: app, version: "1"}
        stemcells:
        - {alias: default, os: ubuntu-jammy, version: "1.5"}
        update:
          \(update)
        \(features)
        instance_groups:
        \(groups)
        """, file: "manifest.yml")
}

/// `- name: NAME …` for a simple group.
func group(
    _ name: String, instances: Int, azs: [String] = ["z1", "z2", "z3"], network: String = "default",
    staticIPs: [String]? = nil, extra: String = ""
) -> String {
    let ips = staticIPs.map { "\n    static_ips: [\($0.joined(separator: ", "))]" } ?? ""
    let text = """
        - name: \(name)
          instances: \(instances)
          azs: [\(azs.joined(separator: ", "))]
          vm_type: small
          stemcell: default
          jobs: [{name: \(name)-job, release: app}]
          networks:
          - name: \(network)\(ips)
        \(extra)
        """
    return extra.isEmpty ? text : text + "\n"
}

func plan(_ groups: String, state: DeploymentState = .empty, cloud: String = cloudConfigYAML, options: PlanOptions = PlanOptions()) throws -> DeploymentPlan {
    try DeploymentPlanner(manifest: try manifest(groups), cloudConfig: try cloudConfig(cloud)).plan(state: state, options: options)
}

func existing(_ group: String, _ index: Int, _ az: String?, ip: String? = nil, disk: Bool = false, bootstrap: Bool = false) -> ExistingInstance {
    ExistingInstance(
        group: group, index: index, id: "\(group)-\(index)-uuid", az: az,
        addresses: ip.map { ["default": IPv4Address($0)!] }, hasPersistentDisk: disk, bootstrap: bootstrap)
}

extension InstanceGroupPlan {
    var azCounts: [String: Int] {
        var counts: [String: Int] = [:]
        for i in instances { counts[i.az ?? "-", default: 0] += 1 }
        return counts
    }
}

/// The repository's test fixture corpus.
let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("BoshYAMLTests/Fixtures/corpus")

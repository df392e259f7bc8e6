import Foundation
import Testing
import BoshYAML
import ManifestModel
import Scheduler

/// cf-deployment v58 as a realistic input.
@Suite struct CFDeploymentTests {
    static func cfManifest() throws -> DeploymentManifest {
        let path = corpus.appendingPathComponent("cf-deployment-v58/cf-deployment.yml").path
        return try DeploymentManifest(yaml: try String(contentsOfFile: path, encoding: .utf8), file: path)
    }

    static func interpolatedCloudConfig(_ relative: String, vars: [String]) throws -> CloudConfig {
        let path = corpus.appendingPathComponent(relative).path
        let tree = try YAMLParser.parse(bytes: Array(try String(contentsOfFile: path, encoding: .utf8).utf8), file: path)
        var sources = VariableSources()
        for v in vars { try sources.addKeyValue(v) }
        return try CloudConfig(tree: try Interpolator.interpolate(tree, sources: sources).tree)
    }

    @Test func plansCFDeploymentWithItsBoshLiteCloudConfig() throws {
        let cloud = try Self.interpolatedCloudConfig("cf-deployment-v58/iaas-support/bosh-lite/cloud-config.yml", vars: [])
        let plan = try DeploymentPlanner(manifest: try Self.cfManifest(), cloudConfig: cloud).plan()
        let total = plan.instanceGroups.reduce(0) { $0 + $1.instances.count }
        #expect(total > 30)
        // Every instance of a multi-AZ group is spread: diego-cell (3) lands once in each of z1, z2, z3.
        let cells = try #require(plan.instanceGroups.first { $0.name == "diego-cell" })
        #expect(cells.azCounts == ["z1": 1, "z2": 1, "z3": 1])
        // Addresses are unique and come after the static pool (10.244.0.2-10.244.3.127).
        let ips = plan.instanceGroups.flatMap { $0.instances.flatMap { $0.addresses.compactMap(\.ip) } }
        #expect(Set(ips).count == ips.count)
        #expect(ips.min() == IPv4Address("10.244.3.128"))
        // cf-deployment's update: canaries 1, max_in_flight 1, serial false, with serial exceptions.
        #expect(plan.update.stages.count > 1)
        #expect(plan.update.groups.first { $0.name == "database" }?.serial == true)
        let text = PlanRenderer.text(plan)
        #expect(text.contains("diego-cell/0  z1  default=10.244."))
    }

    @Test func theBoshDeploymentAWSCloudConfigLacksCFsVMTypes() throws {
        // bosh-deployment's AWS cloud config only defines `default` and `large` VM types.
        let cloud = try Self.interpolatedCloudConfig("bosh-deployment/aws/cloud-config.yml", vars: [
            "az=us-east-1a", "internal_cidr=10.0.0.0/16", "internal_gw=10.0.0.1", "subnet_id=subnet-1",
        ])
        let error = #expect(throws: SchedulerError.self) { try DeploymentPlanner(manifest: try Self.cfManifest(), cloudConfig: cloud).plan() }
        #expect(error?.message == "Instance group 'smoke-tests' references unknown vm type 'minimal' (the cloud config defines: default, large)")
    }

    @Test func plansCFDeploymentWithTheBoshDeploymentAWSNetworks() throws {
        // The AWS networks (reserved: [gateway/30]) with cf-deployment's VM and disk types added.
        var cloud = try Self.interpolatedCloudConfig("bosh-deployment/aws/cloud-config.yml", vars: [
            "az=us-east-1a", "internal_cidr=10.0.0.0/16", "internal_gw=10.0.0.1", "subnet_id=subnet-1",
        ])
        for name in ["minimal", "small", "small-highmem", "medium"] {
            var t = VMType()
            t.name = name
            cloud.vmTypes?.append(t)
        }
        for (name, size) in [("10GB", 10240), ("100GB", 102400)] {
            var d = DiskType()
            d.name = name
            d.diskSize = size
            cloud.diskTypes?.append(d)
        }
        for name in ["5GB_ephemeral_disk", "10GB_ephemeral_disk", "50GB_ephemeral_disk", "100GB_ephemeral_disk", "ssh-proxy-and-router-lb", "cf-tcp-router-network-properties", "cf-router-network-properties", "diego-ssh-proxy-network-properties"] {
            var e = VMType()
            e.name = name
            cloud.vmExtensions = (cloud.vmExtensions ?? []) + [e]
        }
        let plan = try DeploymentPlanner(manifest: try Self.cfManifest(), cloudConfig: cloud).plan()
        let ips = plan.instanceGroups.flatMap { $0.instances.flatMap { $0.addresses.compactMap(\.ip) } }
        // 10.0.0.0-10.0.0.3 is reserved (gateway/30); the first dynamic address is 10.0.0.4.
        #expect(ips.min() == IPv4Address("10.0.0.4"))
        #expect(Set(ips).count == ips.count)
    }
}

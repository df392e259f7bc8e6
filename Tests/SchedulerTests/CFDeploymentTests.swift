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
        // As operators deploy it: cf-deployment.yml with operations/bosh-lite.yml, against bosh-lite's cloud config.
        let base = corpus.appendingPathComponent("cf-deployment-v58")
        var document = PatchDocument(try YAMLParser.parse(bytes: Array(try Data(contentsOf: base.appendingPathComponent("cf-deployment.yml"))), file: "cf-deployment.yml"))
        let ops = try OpsFile(tree: try YAMLParser.parse(bytes: Array(try Data(contentsOf: base.appendingPathComponent("operations/bosh-lite.yml"))), file: "bosh-lite.yml"))
        try document.apply(ops.operations)
        let manifest = try DeploymentManifest(tree: document.result)
        let cloud = try Self.interpolatedCloudConfig("cf-deployment-v58/iaas-support/bosh-lite/cloud-config.yml", vars: [])
        let plan = try DeploymentPlanner(manifest: manifest, cloudConfig: cloud).plan()
        // bosh-lite.yml scales every group to one instance in z1 and pins the router to 10.244.0.34.
        let total = plan.instanceGroups.reduce(0) { $0 + $1.instances.count }
        #expect(total == plan.instanceGroups.count)
        #expect(plan.instanceGroups.allSatisfy { $0.instances.allSatisfy { $0.az == "z1" } })
        let router = try #require(plan.instanceGroups.first { $0.name == "router" })
        #expect(router.instances[0].addresses[0].description == "default=10.244.0.34")
        #expect(router.instances[0].addresses[0].kind == .static)
        // Dynamic addresses are unique and skip the static pool (10.244.0.2-127, 10.244.1.0-127 …): .0.128 first.
        let dynamic = plan.instanceGroups.flatMap { $0.instances.flatMap { $0.addresses.filter { $0.kind == .dynamic }.compactMap(\.ip) } }
        #expect(Set(dynamic).count == dynamic.count)
        #expect(dynamic.min() == IPv4Address("10.244.0.128"))
        // cf-deployment's update: canaries 1, max_in_flight 1, serial false, with serial exceptions.
        #expect(plan.update.stages.count > 1)
        #expect(plan.update.groups.first { $0.name == "database" }?.serial == true)
        #expect(plan.update.groups.first { $0.name == "smoke-tests" } == nil || plan.update.groups.first { $0.name == "smoke-tests" }?.azs.isEmpty == true)
        let text = PlanRenderer.text(plan)
        #expect(text.contains("router/0  z1  default=10.244.0.34  create (new)  bootstrap"))
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

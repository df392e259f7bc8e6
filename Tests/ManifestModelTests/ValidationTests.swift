import BoshYAML
import ManifestModel
import Testing

/// Problems are all collected, each with its manifest path and source line:column.
@Suite struct ValidationTests {
    static let cloudConfig = """
        azs:
        - name: z1
        - name: z2
        networks:
        - name: default
          subnets:
          - range: 10.0.0.0/24
            gateway: 10.0.0.1
            az: z1
        vm_types:
        - name: small
        disk_types:
        - name: 10GB
          disk_size: 10240
        compilation:
          workers: 2
          network: default
          az: z1
          vm_type: small
        """

    static let manifest = """
        name: app
        releases:
        - name: nginx
          version: latest
        stemcells:
        - alias: default
          os: ubuntu-jammy
          version: latest
        update:
          canaries: 1
          max_in_flight: 30%
          canary_watch_time: 1000-30000
          update_watch_time: 5000
        instance_groups:
        - name: web
          instances: three
          azs: [z1, z9]
          jobs:
          - name: nginx
            release: nginx
          - name: proxy
            release: haproxy
          vm_type: large
          stemcell: default
          persistent_disk_type: 10GB
          networks:
          - name: default
          - name: other
        - name: worker
          instances: -1
          jobs: []
          vm_type: small
          stemcell: windows
          networks:
          - name: default
        - name: web
          instances: 1
          jobs: []
          networks: [{name: default}]
        """

    @Test func everyProblemHasAPathAndAPosition() throws {
        let cloud = try CloudConfig(yaml: Self.cloudConfig, file: "cloud.yml")
        let tree = try YAMLParser.parse(Self.manifest, file: "manifest.yml")
        let problems = DeploymentManifest.validate(tree, cloudConfig: cloud).map(\.description)
        let expected = [
            "manifest.yml:16:14: /instance_groups/name=web/instances: expected an integer, got \"three\"",
            "manifest.yml:17:13: /instance_groups/name=web/azs/1: unknown az 'z9' (defined: z1, z2)",
            "manifest.yml:22:14: /instance_groups/name=web/jobs/name=proxy/release: unknown release 'haproxy' (defined: nginx)",
            "manifest.yml:23:12: /instance_groups/name=web/vm_type: unknown vm_type 'large' (defined: small)",
            "manifest.yml:28:11: /instance_groups/name=web/networks/name=other/name: unknown network 'other' (defined: default)",
            "manifest.yml:30:14: /instance_groups/name=worker/instances: instances must not be negative (got -1)",
            "manifest.yml:33:13: /instance_groups/name=worker/stemcell: unknown stemcell alias 'windows' (defined: default)",
            "manifest.yml:36:9: /instance_groups/name=web/name: duplicate instance group 'web' (first defined at line 15)",
        ]
        #expect(problems == expected)
    }

    @Test func loadingThrowsWithEveryDecodingProblem() throws {
        let error = try #require(throws: ManifestError.self) { try DeploymentManifest(yaml: Self.manifest, file: "m.yml") }
        #expect(error.problems.count == 2)
        #expect(error.description.contains("m.yml:16:14: /instance_groups/name=web/instances: expected an integer"))
    }

    @Test func missingRequiredKeysAndWrongTypes() throws {
        let source = """
            releases:
            - version: 1
            instance_groups:
            - name: web
              instances: 1
              jobs: {name: x}
            update: [1]
            """
        let error = try #require(throws: ManifestError.self) { try DeploymentManifest(yaml: source, file: "m.yml") }
        #expect(
            error.problems.map(\.description) == [
                "m.yml:1:1: /: missing required key 'name'",
                "m.yml:2:3: /releases/0: missing required key 'name'",
                "m.yml:7:9: /update: expected a map, got an array",
                "m.yml:6:9: /instance_groups/name=web/jobs: expected an array, got a map",
                "m.yml:4:3: /instance_groups/name=web: missing required key 'networks'",
            ])
    }

    /// Reading accepts a v1 group's `templates:`; validation refuses `template`/`templates` and the v1 and
    /// cloud-config blocks as the director does (v270 and later). A key set to null counts as absent.
    @Test func jobListingKeysAndV1Blocks() throws {
        func problems(_ keys: String, top: String = "") -> (read: [String], validated: [String]) {
            let source = "name: d\n\(top)instance_groups:\n- name: web\n  instances: 1\n  networks: [{name: n}]\n" + keys
                + "releases: [{name: r, version: 1}]\n"
            guard let tree = try? YAMLParser.parse(source, file: "m.yml") else { return (["unparsable"], []) }
            let (_, read) = DeploymentManifest.decodeCollectingProblems(tree)
            return (read.map(\.description), DeploymentManifest.validate(tree).map(\.description))
        }
        let group = "m.yml:3:3: /instance_groups/name=web: "
        let legacy = group + "specifies template or templates. This is no longer supported, please use jobs instead"
        let missing = group + "missing required key 'jobs'"
        #expect(problems("  jobs: [{name: a, release: r}]\n") == ([], []))
        #expect(problems("  templates: [{name: a, release: r}]\n") == ([], [legacy]))
        #expect(problems("  template: a\n  jobs: []\n") == ([], [legacy]))
        #expect(problems("  templates: ~\n  jobs: [{name: b, release: r}]\n") == ([], []))
        #expect(problems("  template: false\n  jobs: []\n") == ([], []))
        #expect(problems("") == ([missing], [missing]))
        #expect(problems("  jobs: ~\n") == ([missing], [missing]))
        #expect(problems("  templates: ~\n") == ([missing], [missing]))
        #expect(
            problems("  jobs: []\n", top: "resource_pools: []\nazs: ~\n").validated == [
                "m.yml:2:17: /resource_pools: resource_pools is no longer supported. You must now define resources in a cloud-config",
                "m.yml:3:6: /azs: Deployment manifest contains 'azs' section, but this can only be set in a cloud-config.",
            ])
    }

    @Test func cloudConfigReferences() throws {
        let source = """
            azs: [{name: z1}, {name: z1}]
            networks:
            - name: net
              subnets: [{range: 10.0.0.0/24, az: z3}]
            vm_types: [{name: a}]
            compilation: {workers: 1, network: missing, vm_type: a}
            """
        let problems = CloudConfig.validate(try YAMLParser.parse(source, file: "cc.yml")).map(\.description)
        #expect(
            problems == [
                "cc.yml:1:26: /azs/name=z1/name: duplicate az 'z1' (first defined at line 1)",
                "cc.yml:4:38: /networks/name=net/subnets/0/az: unknown az 'z3' (defined: z1)",
                "cc.yml:6:36: /compilation/network: unknown network 'missing' (defined: net)",
            ])
    }

    @Test func emptyAndNonMapDocuments() throws {
        let empty = try #require(throws: ManifestError.self) { try DeploymentManifest(yaml: "", file: "e.yml") }
        #expect(empty.description == "e.yml: /: the deployment manifest is empty")
        let list = try #require(throws: ManifestError.self) { try CloudConfig(yaml: "- a\n", file: "l.yml") }
        #expect(list.description == "l.yml:1:1: /: expected a map, got an array")
        let bad = try #require(throws: ManifestError.self) { try CloudConfig(yaml: "a: [\n", file: "b.yml") }
        #expect(bad.yamlError != nil)
        #expect(bad.description.hasPrefix("b.yml:2:1:"))
    }

    @Test func variablesInTypedFieldsSayInterpolateFirst() throws {
        let error = try #require(throws: ManifestError.self) {
            try DeploymentManifest(yaml: "name: x\ninstance_groups:\n- name: a\n  instances: ((n))\n  jobs: []\n  networks: []\n", file: "v.yml")
        }
        #expect(error.description == "v.yml:4:14: /instance_groups/name=a/instances: expected an integer, got variable ((n)); interpolate variables first")
    }
}

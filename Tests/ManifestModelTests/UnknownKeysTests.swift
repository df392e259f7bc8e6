import BoshYAML
import Foundation
import ManifestModel
import Testing

/// Keys the director does not read are warnings (BOSH accepts them), each with its position, path and the known
/// key it probably meant.
@Suite struct UnknownKeysTests {
    static let manifest = """
        name: app
        releases:
        - name: nginx
          version: latest
          sah1: abc
        stemcells:
        - alias: default
          os: ubuntu-jammy
          version: latest
        update:
          canaries: 1
          max_in_flight: 1
          canary_watch_time: 1000
          update_watch_time: 1000
          serail: false
        instance_group:
        - name: typo
        instance_groups:
        - name: web
          instnaces: 1
          instances: 1
          azs: [z1]
          vm_type: small
          stemcell: default
          networks:
          - name: default
            static_ip: [10.0.0.5]
          jobs:
          - name: nginx
            relase: nginx
            release: nginx
            properties:
              anything: goes
              nested: {instnaces: 1}
          env:
            bosh: {whatever: true}
          ((dynamic_key)): 1
        variables:
        - name: pw
          type: password
          option: {}
        meta: {}

        """

    @Test func everyUnknownKeyIsAWarningWithADidYouMean() throws {
        let tree = try YAMLParser.parse(Self.manifest, file: "m.yml")
        let result = DeploymentManifest.validation(of: tree)
        #expect(result.isValid)
        #expect(result.errors.isEmpty)
        #expect(result.warnings.allSatisfy { $0.severity == .warning })
        #expect(
            result.warnings.map(\.description) == [
                "m.yml:5:3: warning: /releases/name=nginx/sah1: unknown key 'sah1': did you mean 'sha1'?",
                "m.yml:15:3: warning: /update/serail: unknown key 'serail': did you mean 'serial'?",
                "m.yml:16:1: warning: /instance_group: unknown key 'instance_group': did you mean 'instance_groups'?",
                "m.yml:20:3: warning: /instance_groups/name=web/instnaces: unknown key 'instnaces': did you mean 'instances'?",
                "m.yml:27:5: warning: /instance_groups/name=web/networks/name=default/static_ip: unknown key 'static_ip': did you mean 'static_ips'?",
                "m.yml:30:5: warning: /instance_groups/name=web/jobs/name=nginx/relase: unknown key 'relase': did you mean 'release'?",
                "m.yml:41:3: warning: /variables/name=pw/option: unknown key 'option': did you mean 'options'?",
                "m.yml:42:1: warning: /meta: unknown key 'meta'",
            ])
        #expect(DeploymentManifest.unknownKeys(in: tree) == result.warnings)
    }

    @Test func warningsAndErrorsComeTogetherInDocumentOrder() throws {
        let tree = try YAMLParser.parse("name: app\ninstance_groups:\n- name: web\n  instnaces: 2\n  jobs: []\n  networks: []\n", file: "m.yml")
        let result = DeploymentManifest.validation(of: tree)
        #expect(!result.isValid)
        #expect(
            result.problems.map(\.description) == [
                "m.yml:3:3: /instance_groups/name=web: missing required key 'instances'",
                "m.yml:4:3: warning: /instance_groups/name=web/instnaces: unknown key 'instnaces': did you mean 'instances'?",
            ])
        // validate(_:) stays errors only: a director refusing on it does not refuse what BOSH accepts.
        #expect(DeploymentManifest.validate(tree).map(\.description) == [result.errors[0].description])
    }

    @Test func cloudConfigKeys() throws {
        let text = """
            azs:
            - name: z1
              cloud_propertes: {}
            networks:
            - name: default
              type: manual
              subnets:
              - range: 10.0.0.0/24
                gateway: 10.0.0.1
                az: z1
                statc: [10.0.0.5]
            vm_types:
            - name: small
            compilation:
              workers: 1
              network: default
              az: z1
              vm_type: small
              reuse_compilation_vm: true

            """
        let tree = try YAMLParser.parse(text, file: "cc.yml")
        let result = CloudConfig.validation(of: tree)
        #expect(result.isValid)
        #expect(
            result.warnings.map(\.description) == [
                "cc.yml:3:3: warning: /azs/name=z1/cloud_propertes: unknown key 'cloud_propertes': did you mean 'cloud_properties'?",
                "cc.yml:11:5: warning: /networks/name=default/subnets/0/statc: unknown key 'statc': did you mean 'static'?",
                "cc.yml:19:3: warning: /compilation/reuse_compilation_vm: unknown key 'reuse_compilation_vm': did you mean 'reuse_compilation_vms'?",
            ])
    }

    /// The shipped and corpus manifests (cf-deployment, bosh-deployment) use only keys the director reads.
    @Test func realManifestsHaveNoUnknownKeys() throws {
        var checked = 0
        for path in Corpus.files(under: "cf-deployment-v58") + Corpus.files(under: "bosh-deployment") {
            let tree = try Corpus.tree(path)
            switch Corpus.kind(of: tree) {
            case .manifest:
                #expect(DeploymentManifest.unknownKeys(in: tree).isEmpty, "\(path)")
                checked += 1
            case .cloudConfig:
                #expect(CloudConfig.unknownKeys(in: tree).isEmpty, "\(path)")
                checked += 1
            default: continue
            }
        }
        #expect(checked > 0)
    }

    @Test func suggestionsNeedToBeClose() {
        let tree = try? YAMLParser.parse("name: a\nos: x\nversin: 1\n", file: "m.yml")
        let messages = tree.map { DeploymentManifest.unknownKeys(in: $0).map(\.message) } ?? []
        #expect(messages == ["unknown key 'os'", "unknown key 'versin'"])
    }
}

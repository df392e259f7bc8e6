import BoshYAML
import Foundation
import ManifestModel
import Testing

/// Samples whose results the docs state: run them and hold the docs to their word.
@Suite("Doc samples that run")
struct RunnableSamplesTests {
    @Test func jsonValuesPrintAsTheCatalogSays() async throws {
        let (size, properties, hint) = try await BoshJSONCatalog.values()
        #expect(size == 10240)
        #expect(properties == #"{"ephemeral_disk":{"size":10240},"instance_type":"m5.large"}"#)
        #expect(hint == #"{"path":"/var/vcap/store/disk-1/data"}"#)
    }

    static let manifest = """
        name: demo
        releases:
        - name: nginx
          version: latest
        instance_groups:
        - name: web
          instances: ((web_instances))
          azs: ((azs))
          vm_type: small
          stemcell: default
          networks: [{name: default}]
          jobs:
          - name: proxy
            release: nginx
            properties: {domain: ((system_domain)), port: ((port)), cert: ((cert))}
        stemcells:
        - {alias: default, os: ubuntu-jammy, version: latest}
        update: {canaries: 1, max_in_flight: 1, canary_watch_time: 1000, update_watch_time: 1000}

        """

    @Test func opsFilesVariablesAndValidationRunAsDocumented() async throws {
        let scale = "- type: replace\n  path: /instance_groups/name=web/vm_type\n  value: large\n"
        let tls = "- type: replace\n  path: /instance_groups/name=web/jobs/name=proxy/properties/tls?\n  value: true\n"
        let patched = try await OpsFilesVariablesAndValidation.opsFiles(manifestText: Self.manifest, scaleText: scale, tlsText: tls)
        let interpolated = try await OpsFilesVariablesAndValidation.variables(patched: patched, varsText: "cert: from-vars-file\n")
        let text = try interpolated.tree.emit(style: .boshInt)
        #expect(text.contains("instances: 3\n"))
        #expect(text.contains("  - z1\n  - z2\n"))
        #expect(text.contains("vm_type: large\n"))
        #expect(text.contains("cert: from-vars-file"))
        #expect(text.contains("domain: example.com"))
        #expect(text.contains("port: 8443"))
        #expect(text.contains("tls: true"))
        let cloudConfig = """
            azs: [{name: z1}, {name: z2}]
            vm_types: [{name: small}]
            networks: [{name: default, type: dynamic}]
            compilation: {workers: 1, az: z1, network: default}

            """
        try await OpsFilesVariablesAndValidation.validation(interpolated: interpolated, cloudConfigText: cloudConfig)
        let problems = DeploymentManifest.validate(interpolated.tree, cloudConfig: try CloudConfig(yaml: cloudConfig, file: "c.yml"))
        #expect(problems.map(\.message).contains("unknown vm_type 'large' (defined: small)"), "\(problems)")
    }

    /// The two messages of the ManifestModel overview: reading reports shapes, `validate` references.
    @Test func readingAndValidationReportWhatTheOverviewSays() throws {
        let wrongType = "name: demo\nreleases:\n- name: nginx\n  version: latest\ninstance_groups:\n- name: web\n  instances: three\n"
        let error = try #require(throws: ManifestError.self) { try DeploymentManifest(yaml: wrongType, file: "manifest.yml") }
        #expect(error.problems.map(\.description).contains(#"manifest.yml:7:14: /instance_groups/name=web/instances: expected an integer, got "three""#), "\(error)")

        let unknownRelease = """
            name: demo
            releases:
            - name: nginx
              version: latest
            instance_groups:
            - name: web
              instances: 1
              jobs:
              - name: proxy
                release: haproxy
              networks: [{name: default}]
              vm_type: small
              stemcell: default
            stemcells: [{alias: default, os: ubuntu-jammy, version: latest}]
            update: {canaries: 1, max_in_flight: 1, canary_watch_time: 1000, update_watch_time: 1000}

            """
        let tree = try YAMLParser.parse(unknownRelease, file: "manifest.yml")
        _ = try DeploymentManifest(tree: tree)  // reading does not look at references
        let problems = DeploymentManifest.validate(tree).map(\.description)
        #expect(problems.contains("manifest.yml:10:14: /instance_groups/name=web/jobs/name=proxy/release: unknown release 'haproxy' (defined: nginx)"), "\(problems)")
    }
}

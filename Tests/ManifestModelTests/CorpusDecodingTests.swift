import BoshYAML
import ManifestModel
import Testing

/// Every deployment manifest, cloud config and runtime config of the corpus decodes without a problem,
/// and writing a decoded document back loses nothing.
@Suite struct CorpusDecodingTests {
    static let all = Corpus.files(under: "bosh-deployment") + Corpus.files(under: "cf-deployment-v58")
        + Corpus.files(under: "cf-deployment-history")

    @Test func corpusHasEveryKindOfDocument() throws {
        var counts: [Corpus.Kind: Int] = [:]
        for path in Self.all { counts[Corpus.kind(of: try Corpus.tree(path)), default: 0] += 1 }
        #expect(counts[.manifest, default: 0] >= 5)
        #expect(counts[.cloudConfig, default: 0] >= 10)
        #expect(counts[.runtimeConfig, default: 0] >= 3)
    }

    @Test func everyDocumentDecodesAndRoundTrips() throws {
        var failures: [String] = []
        for path in Self.all {
            let tree = try Corpus.tree(path)
            switch Corpus.kind(of: tree) {
            case .manifest: failures += check(DeploymentManifest.self, tree)
            case .cloudConfig: failures += check(CloudConfig.self, tree)
            case .runtimeConfig: failures += check(RuntimeConfig.self, tree)
            case .other: continue
            }
        }
        #expect(failures.isEmpty, "\(failures.prefix(10))")
    }

    private func check<T: ManifestObject>(_ type: T.Type, _ tree: YAMLTree) -> [String] {
        let (value, problems) = T.decodeCollectingProblems(tree)
        guard let value, problems.isEmpty else { return ["\(tree.file): \(problems.prefix(3))"] }
        let rewritten = value.yamlTree(file: tree.file + " (rewritten)")
        let (again, againProblems) = T.decodeCollectingProblems(rewritten)
        guard again == value, againProblems.isEmpty else { return ["\(tree.file): changed when written back"] }
        return []
    }

    @Test func cfDeploymentIsTyped() throws {
        let tree = try Corpus.tree("cf-deployment-v58/cf-deployment.yml")
        let manifest = try DeploymentManifest(tree: tree)
        #expect(manifest.name == "cf")
        #expect(manifest.manifestVersion == "v58.0.0")
        let groups = try #require(manifest.instanceGroups)
        #expect(groups.count > 15)
        let api = try #require(groups.first { $0.name == "api" })
        #expect(api.allJobs.contains { $0.name == "cloud_controller_ng" && $0.release == "capi" })
        #expect(api.networks?.first?.name == "default")
        #expect(manifest.update?.maxInFlight != nil)
        #expect(manifest.update?.canaryWatchTime?.isRange == true)
        #expect(manifest.stemcells?.first?.version == .exact("1.425"))
        #expect((manifest.variables ?? []).contains { $0.type == "certificate" })
    }

    @Test func boshDeploymentCreateEnvManifestKeepsLegacyBlocks() throws {
        let manifest = try DeploymentManifest(tree: try Corpus.tree("bosh-deployment/bosh.yml"))
        #expect(manifest.resourcePools?.first?.name == "vms")
        #expect(manifest.diskPools?.first?.name == "disks")
        #expect(manifest.networks?.first?.name == "default")
        #expect(manifest.cloudProvider != nil)
    }

    @Test func cloudConfigSubnetsMayBeVariables() throws {
        let config = try CloudConfig(tree: try Corpus.tree("cf-deployment-v58/iaas-support/vsphere/cloud-config.yml"))
        let subnet = try #require(config.networks?.first?.subnets?.first)
        if case .variable(let name)? = subnet.reserved {
            #expect(name.hasSuffix("reserved_array"))
        } else {
            Issue.record("expected a variable for reserved, got \(String(describing: subnet.reserved))")
        }
    }
}

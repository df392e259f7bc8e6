// The Swift samples of Sources/ManifestModel/ManifestModel.docc/ManifestModel.md, verbatim, in functions that compile (never called unless a test says so).
// DocSampleCoverageTests fails when a ```swift block of the doc is missing here: change both together.

import ManifestModel

enum ManifestModelCatalog {
    static func read(text: String) async throws {
        let manifest = try DeploymentManifest(yaml: text, file: "manifest.yml")
        for group in manifest.allInstanceGroups {
            print(group.name, group.instances, group.update?.maxInFlight ?? .count(1))
        }
    }
}

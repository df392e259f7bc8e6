// The Swift samples of Sources/ManifestModel/ManifestModel.docc/OpsFilesVariablesAndValidation.md, verbatim, in functions that compile (never called unless a test says so).
// DocSampleCoverageTests fails when a ```swift block of the doc is missing here: change both together.

import BoshYAML
import ManifestModel

enum OpsFilesVariablesAndValidation {
    static func opsFiles(manifestText: String, scaleText: String, tlsText: String) async throws -> YAMLTree {
        var document = PatchDocument(try YAMLParser.parse(manifestText, file: "manifest.yml"))
        try document.apply(try OpsFile(yaml: scaleText, file: "scale.yml"))           // one ops file
        try document.apply([try OpsFile(yaml: tlsText, file: "tls.yml")])              // or several, in order
        let patched = document.result
        return patched
    }

    static func variables(patched: YAMLTree, varsText: String) async throws -> Interpolator.Result {
        var sources = VariableSources(["system_domain": "example.com", "web_instances": 3, "azs": ["z1", "z2"]])
        try sources.addKeyValue("port=8443")                                          // as `-v port=8443`
        try sources.addVarsFile(try YAMLParser.parse(varsText, file: "vars.yml"))      // as `-l vars.yml`
        let interpolated = try Interpolator.interpolate(
            patched, sources: sources, options: Interpolator.Options(expectAllKeys: true))   // as --var-errs
        print(try interpolated.tree.emit(style: .boshInt))                            // what `bosh int` prints
        return interpolated
    }

    static func validation(interpolated: Interpolator.Result, cloudConfigText: String) async throws {
        let tree = interpolated.tree
        do {
            let manifest = try DeploymentManifest(tree: tree)                         // shape: keys and types
            print(manifest.name, manifest.allInstanceGroups.map(\.name))
        } catch let error as ManifestError {
            for problem in error.problems { print(problem) }                           // file:line:col: /path: message
        }
        let cloudConfig = try CloudConfig(yaml: cloudConfigText, file: "cloud-config.yml")
        for problem in DeploymentManifest.validate(tree, cloudConfig: cloudConfig) {  // shape and references
            print(problem.path, problem.message)
        }
    }
}

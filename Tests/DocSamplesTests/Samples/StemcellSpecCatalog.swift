// The Swift samples of Sources/StemcellSpec/StemcellSpec.docc/StemcellSpec.md, verbatim, in functions that compile (never called unless a test says so).
// DocSampleCoverageTests fails when a ```swift block of the doc is missing here: change both together.

import StemcellSpec

enum StemcellSpecCatalog {
    static func match(uploaded: [UploadedStemcell]) async throws {
        let stemcell = try StemcellTarball.read(at: "bosh-stemcell-621.125-aws.tgz")
        let chosen = try StemcellRequirement(os: "ubuntu-jammy", version: "621.latest")
            .match(in: uploaded + [UploadedStemcell(stemcell.manifest)])
        _ = chosen
    }

    static func build(state: String) async throws {
        let stemcell = try StemcellBuilder.writeLocal(os: "ubuntu-jammy", to: state + "/stemcells/local.tgz")
        _ = stemcell
    }
}

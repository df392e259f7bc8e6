// The Swift samples of Documentation/JobRendering.md, verbatim, in functions that compile (never called unless a test says so).
// DocSampleCoverageTests fails when a ```swift block of the doc is missing here: change both together.

import BoshYAML
import Logging
import ReleaseSpec

enum JobRenderingGuide {
    static func render(manifest: YAMLNode, resolvedLinks: [String: [String: RenderLink]], logger: Logger) async throws {
        let release = try ReleaseTarball.read(at: "nats-release.tgz")
        let uploaded = try ManifestRenderPlan.asUploaded(manifest)   // as the bosh CLI uploads it: keys sorted
        let plan = try ManifestRenderPlan(manifest: uploaded, releases: [release], instanceGroup: "nats", index: 0,
                                          links: resolvedLinks)       // [job: [link name: RenderLink]]
        let rendered = try await JobRenderer(timeout: .seconds(30), logger: logger).render(plan.jobs, for: plan.instance)
        _ = rendered.configurationHash    // the apply spec's configuration_hash
        _ = rendered.templateHashes       // job → template_hash
        _ = try rendered.archive()        // the .tgz sent to the agent: <job>/monit, <job>/<destination>
    }
}

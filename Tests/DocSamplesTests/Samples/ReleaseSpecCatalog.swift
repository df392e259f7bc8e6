// The Swift samples of Sources/ReleaseSpec/ReleaseSpec.docc/ReleaseSpec.md, verbatim, in functions that compile (never called unless a test says so).
// DocSampleCoverageTests fails when a ```swift block of the doc is missing here: change both together.

import BoshYAML
import Logging
import ReleaseSpec

enum ReleaseSpecCatalog {
    static func read(logger: Logger, manifestProperties: YAMLNode?) async throws {
        let release = try ReleaseTarball.read(at: "nats-56.tgz", logger: logger)
        let order = try release.compileOrder(forJobs: ["nats"])          // dependencies first
        let nats = release.job(named: "nats")!
        let resolved = nats.spec.resolveProperties(manifestProperties)   // defaults under manifest values
        for path in resolved.unknownPaths { logger.warning("unknown property \(path)") }
        _ = order
    }

    static func build(logger: Logger) async throws {
        let release = try ReleaseBuilder.build(
            directory: "Examples/hello/release", to: "/tmp/hello.tgz", logger: logger)   // version 0+dev.1
        print(release.manifest.version, try release.compileOrder())                       // hello-lib, hello-server
    }
}

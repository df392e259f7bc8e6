import AgentProtocol
import Foundation
import Logging

/// `compile_package`: installs the dependencies, extracts the source into `var/vcap/data/compile/<name>/`, runs
/// `bash -e packaging` there and stores the install target's contents as a new gzip'd tar blob.
struct PackageCompiler: Sendable {
    let layout: AgentLayout
    let blobstore: LocalBlobstore
    let installer: PackageInstaller
    let logger: Logger
    /// How many lines of the script's output a failure quotes.
    var quotedLines = 20

    func compile(
        blobstoreID: String, sha1: String, name: String, version: String, dependencies: [String: CompileDependency]
    ) async throws -> CompiledPackage {
        try Names.check(name, what: "package name")
        try Names.check(version, what: "version of package \(name)")
        for dependency in dependencies.values.sorted(by: { $0.name < $1.name }) {
            try await installer.install(
                name: dependency.name, version: dependency.version, digest: dependency.sha1,
                blobstoreID: dependency.blobstoreID)
        }
        let staging = try layout.makeStagingDirectory("compile-\(name)")
        defer { try? FileManager.default.removeItem(at: staging) }
        let source = staging.appendingPathComponent("source.tgz")
        do {
            try blobstore.fetch(blobstoreID, digest: sha1, to: source)
        } catch {
            throw AgentFailure("package \(name)/\(version) source: \(error)")
        }
        let extracted = staging.appendingPathComponent("source")
        try FileManager.default.createDirectory(at: extracted, withIntermediateDirectories: true)
        try await Tarball.extract(source, into: extracted, what: "source of package \(name)/\(version)")
        guard FileManager.default.fileExists(atPath: extracted.appendingPathComponent("packaging").path) else {
            throw AgentFailure("package \(name)/\(version): the source archive has no packaging script at its top level")
        }
        let compileTarget = layout.compile.appendingPathComponent(name)
        try? FileManager.default.removeItem(at: compileTarget)
        try Names.moveIntoPlace(extracted, to: compileTarget)

        let installData = layout.packageData(name, version: version)
        try? FileManager.default.removeItem(at: installData)
        try FileManager.default.createDirectory(at: installData, withIntermediateDirectories: true)
        let installTarget = layout.packages.appendingPathComponent(name)
        try layout.replaceSymlink(installTarget, to: installData)

        let log = layout.compile.appendingPathComponent("\(name).log")
        try? FileManager.default.removeItem(at: log)
        let environment = Subprocess.environment([
            "BOSH_COMPILE_TARGET": compileTarget.path,
            "BOSH_INSTALL_TARGET": installTarget.path,
            "BOSH_PACKAGE_NAME": name,
            "BOSH_PACKAGE_VERSION": version,
            "BOSH_PACKAGES_DIR": layout.packages.path,
        ])
        logger.info("compiling package", metadata: ["package": "\(name)/\(version)"])
        let end = try await Subprocess.run(
            ["/bin/bash", "-e", "packaging"], environment: environment, directory: compileTarget.path, output: log.path)
        guard end.succeeded else {
            try? FileManager.default.removeItem(at: installData)
            let lines = Subprocess.lastLines(of: log.path, count: quotedLines)
            throw AgentFailure(
                "Compiling package \(name)/\(version) failed: 'bash -e packaging' ended with \(end). "
                    + "Last \(lines.count) lines of output (\(log.path)):\n" + lines.joined(separator: "\n"))
        }
        let compiled = staging.appendingPathComponent("compiled.tgz")
        try await Tarball.create(compiled, from: installData, what: "compiled package \(name)/\(version)")
        let blob = try blobstore.put(fileAt: compiled)
        try? FileManager.default.removeItem(at: compileTarget)
        logger.info("compiled package", metadata: ["package": "\(name)/\(version)", "blobstore_id": "\(blob.blobstoreID)"])
        return CompiledPackage(result: .init(blobstoreID: blob.blobstoreID, sha1: blob.sha1))
    }
}

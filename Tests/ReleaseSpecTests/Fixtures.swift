import BoshArchive
import Foundation
import ReleaseSpec

/// Paths of this target's fixtures (read from the source tree) and scratch directories.
enum Fixtures {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// A corpus release tarball's path.
    static func release(_ name: String) -> String { root.appendingPathComponent("releases/\(name)").path }

    /// Every spec file under `release-specs/`, relative to it, sorted.
    static func specFiles(kind: String) -> [String] {
        let base = root.appendingPathComponent("release-specs").path
        var found: [String] = []
        let walker = FileManager.default.enumerator(atPath: base)
        while let path = walker?.nextObject() as? String {
            if path.hasSuffix("/spec"), path.contains("/\(kind)/") { found.append(path) }
        }
        return found.sorted()
    }

    static func specBytes(_ relative: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: root.appendingPathComponent("release-specs/\(relative)")))
    }

    /// Rebuilds a release directory (jobs/<j>/spec…, packages/<p>/{spec,packaging}, src/…) from a tarball.
    static func releaseDirectory(from tarball: String, in dir: String) throws -> Release {
        let release = try ReleaseTarball.read(at: tarball)
        let unpacked = dir + "/tarball"
        try ReleaseTarball.extract(tarball, to: unpacked)
        let fm = FileManager.default
        for job in release.jobs {
            let jobDir = dir + "/jobs/" + job.record.name
            try ReleaseTarball.extract(unpacked + "/" + job.archive.path, to: jobDir)
            try fm.moveItem(atPath: jobDir + "/job.MF", toPath: jobDir + "/spec")
        }
        for package in release.packages {
            let scratch = dir + "/scratch/" + package.record.name
            let written = try ReleaseTarball.extract(unpacked + "/" + package.archive.path, to: scratch)
            let packageDir = dir + "/packages/" + package.record.name
            try fm.createDirectory(atPath: packageDir, withIntermediateDirectories: true)
            try fm.moveItem(atPath: scratch + "/packaging", toPath: packageDir + "/packaging")
            var files: [String] = []
            for path in written where path != "packaging" {
                var isDirectory: ObjCBool = false
                guard fm.fileExists(atPath: scratch + "/" + path, isDirectory: &isDirectory), !isDirectory.boolValue
                else { continue }
                let target = dir + "/src/" + path
                try fm.createDirectory(
                    atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                try fm.moveItem(atPath: scratch + "/" + path, toPath: target)
                files.append(path)
            }
            let spec =
                "name: \(package.record.name)\ndependencies: [\(package.record.dependencies.joined(separator: ", "))]\nfiles: [\(files.joined(separator: ", "))]\n"
            try spec.write(toFile: packageDir + "/spec", atomically: true, encoding: .utf8)
        }
        return release
    }

    /// A fresh temporary directory; remove it with `FileManager.default.removeItem`.
    static func temporaryDirectory() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("releasespec-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir.path
    }
}

/// Builds small release tarballs (and broken ones) for tests, with the package's own tar and gzip writers.
struct TarballBuilder {
    struct Job {
        var name: String
        var spec: String
        var files: [String: String] = ["monit": ""]
    }

    struct Package {
        var name: String
        var dependencies: [String] = []
        var content = "packaging script\n"
    }

    var name = "test"
    var version = "1"
    var jobs: [Job] = []
    var packages: [Package] = []
    /// Writes `sha256:<hex>` digests to release.MF instead of plain SHA-1 hex.
    var sha256 = false
    /// Writes `sha1:<hex>;sha512:<hex>` digests (verified with SHA-512, the strongest).
    var sha512 = false

    /// A gzip'd tar of `files` (path → content) in memory.
    static func tgz(_ files: [(String, [UInt8])], level: Int32 = 6) throws -> [UInt8] {
        let sink = MemoryByteSink()
        let tar = TarWriter(try GzipWriter(sink, level: level))
        for (path, bytes) in files { try tar.addFile(path, bytes: bytes) }
        try tar.finish()
        return sink.bytes
    }

    func digest(_ bytes: [UInt8]) -> String {
        if sha512 { return "sha1:\(DigestHasher.hex(.sha1, of: bytes));sha512:\(DigestHasher.hex(.sha512, of: bytes))" }
        return sha256 ? "sha256:" + DigestHasher.hex(.sha256, of: bytes) : DigestHasher.hex(.sha1, of: bytes)
    }

    /// The entries of the release tarball (release.MF first), for tests that tamper with them.
    func entries() throws -> [(String, [UInt8])] {
        var manifest = "name: \(name)\nversion: '\(version)'\ncommit_hash: abc\nuncommitted_changes: false\njobs:\n"
        var archives: [(String, [UInt8])] = []
        for job in jobs {
            let archive = try Self.tgz(
                [("job.MF", Array(job.spec.utf8))]
                    + job.files.sorted { $0.key < $1.key }.map { ($0.key, Array($0.value.utf8)) })
            manifest +=
                "- name: \(job.name)\n  version: v-\(job.name)\n  fingerprint: f-\(job.name)\n  sha1: \(digest(archive))\n"
            archives.append(("jobs/\(job.name).tgz", archive))
        }
        manifest += packages.isEmpty ? "packages: []\n" : "packages:\n"
        for package in packages {
            let archive = try Self.tgz([("packaging", Array(package.content.utf8))])
            manifest += "- name: \(package.name)\n  version: v-\(package.name)\n  fingerprint: f-\(package.name)\n"
            manifest +=
                "  sha1: \(digest(archive))\n  dependencies: [\(package.dependencies.joined(separator: ", "))]\n"
            archives.append(("packages/\(package.name).tgz", archive))
        }
        return [("release.MF", Array(manifest.utf8))] + archives
    }

    /// Writes the release tarball to `path`.
    func write(to path: String) throws { try Self.writeTarball(try entries(), to: path) }

    static func writeTarball(_ entries: [(String, [UInt8])], to path: String) throws {
        let tar = TarWriter(try GzipWriter(try FileByteSink(path: path)))
        for (name, bytes) in entries { try tar.addFile(name, bytes: bytes) }
        try tar.finish()
    }

    /// The usual two-job, three-package release the tests start from.
    static var sample: TarballBuilder {
        var builder = TarballBuilder()
        builder.jobs = [
            Job(
                name: "web",
                spec: """
                    name: web
                    templates: {ctl.erb: bin/ctl}
                    packages: [app]
                    properties:
                      web.port: {description: port, default: 8080}
                      web.tls.enabled: {default: false}
                      web.name: {description: no default}
                    """,
                files: ["monit": "check process web", "templates/ctl.erb": "#!/bin/sh\n"]),
            Job(name: "worker", spec: "name: worker\npackages: [lib]\n"),
        ]
        builder.packages = [
            Package(name: "app", dependencies: ["lib", "runtime"]), Package(name: "lib", dependencies: ["runtime"]),
            Package(name: "runtime"),
        ]
        return builder
    }
}

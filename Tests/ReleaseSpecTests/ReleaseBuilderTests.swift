import BoshArchive
import Foundation
import ReleaseSpec
import Testing

/// `ReleaseBuilder`: release directories built into tarballs that read back, verify, and carry bosh-cli's
/// fingerprints.
@Suite struct ReleaseBuilderTests {
    /// The paths inside a `.tgz` (normalised: no `./`), with their tar modes.
    private func entries(ofArchive path: String) throws -> [String: UInt32] {
        let reader = TarReader(try GzipReader(try FileByteSource(path: path)))
        var result: [String: UInt32] = [:]
        while let entry = try reader.next() {
            if entry.kind == .file { result[entry.path] = entry.mode & 0o777 }
            if entry.kind == .symlink { result[entry.path + " -> " + entry.linkTarget] = 0 }
        }
        return result
    }

    private func write(_ text: String, _ path: String, mode: Int = 0o644) throws {
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try text.write(toFile: path, atomically: false, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
    }

    /// A release directory using `**` and `excluded_files`, `blobs/`, a symlink, executable bits and a license.
    private func sampleDirectory() throws -> String {
        let dir = try Fixtures.temporaryDirectory()
        try write("name: sample\n", dir + "/config/final.yml")
        try write(
            "name: web\ntemplates:\n  ctl.erb: bin/ctl\n  conf/app.yml.erb: config/app.yml\npackages: [app]\n",
            dir + "/jobs/web/spec")
        try write("check process web\n", dir + "/jobs/web/monit")
        try write("#!/bin/sh\n", dir + "/jobs/web/templates/ctl.erb", mode: 0o755)
        try write("port: 1\n", dir + "/jobs/web/templates/conf/app.yml.erb")
        try write(
            "name: app\ndependencies: [lib]\nfiles:\n- app/**/*\n- vendor/tool.tgz\nexcluded_files:\n- app/**/*.log\n",
            dir + "/packages/app/spec")
        try write("cp -a app ${BOSH_INSTALL_TARGET}\n", dir + "/packages/app/packaging")
        try write("name: lib\nfiles: [lib/*.rb]\n", dir + "/packages/lib/spec")
        try write("cp lib/*.rb ${BOSH_INSTALL_TARGET}\n", dir + "/packages/lib/packaging")
        try write("puts 1\n", dir + "/src/app/main.rb", mode: 0o755)
        try write("deep\n", dir + "/src/app/a/b/c.txt")
        try write("noise\n", dir + "/src/app/a/debug.log")
        try FileManager.default.createSymbolicLink(atPath: dir + "/src/app/current", withDestinationPath: "main.rb")
        try write("module Lib; end\n", dir + "/src/lib/lib.rb")
        try write("blob bytes\n", dir + "/blobs/vendor/tool.tgz")
        try write("MIT\n", dir + "/LICENSE")
        return dir
    }

    @Test func gitStateOfTheReleaseDirectory() throws {
        let dir = try sampleDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let notGit = try ReleaseBuilder.build(directory: dir, to: dir + "/out/a.tgz")
        #expect(notGit.manifest.commitHash == "non-git" && notGit.manifest.uncommittedChanges == false)

        let log = dir + "/git.log"
        func git(_ arguments: String...) throws -> Int32 {
            try LocalProcess.run(
                "/usr/bin/env", ["git", "-c", "user.name=t", "-c", "user.email=t@example.com"] + arguments,
                environment: ProcessInfo.processInfo.environment, directory: dir, log: log)
        }
        try #require(try git("init", "-q") == 0)
        try write("out/\ngit.log\n", dir + "/.gitignore")
        try #require(try git("add", "-A") == 0 && git("commit", "-qm", "sample") == 0)
        try #require(try git("rev-parse", "--short", "HEAD") == 0)
        let head = try String(contentsOfFile: log, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        let clean = try ReleaseBuilder.build(directory: dir, to: dir + "/out/b.tgz")
        #expect(clean.manifest.commitHash == head && clean.manifest.uncommittedChanges == false)

        try write("port: 2\n", dir + "/jobs/web/templates/conf/app.yml.erb")
        let dirty = try ReleaseBuilder.build(directory: dir, to: dir + "/out/c.tgz")
        #expect(dirty.manifest.commitHash == head && dirty.manifest.uncommittedChanges == true)
    }

    @Test func sampleReleaseReadsBackWithBoshCLILayout() throws {
        let dir = try sampleDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let release = try ReleaseBuilder.build(directory: dir, to: dir + "/out/sample.tgz")
        #expect(release.manifest.name == "sample")
        #expect(release.manifest.version == "0+dev.1")
        #expect(release.manifest.commitHash != nil && release.manifest.uncommittedChanges != nil)
        #expect(release.jobs.map(\.record.name) == ["web"])
        #expect(release.packages.map(\.record.name) == ["app", "lib"])
        #expect(release.package(named: "app")?.record.dependencies == ["lib"])
        #expect(release.job(named: "web")?.record.packages == ["app"])
        #expect(try release.compileOrder() == ["lib", "app"])
        #expect(release.manifest.license != nil)

        // Fingerprints are Fingerprint's (bosh-cli's, SHA-256 now); versions equal them; digests are sha256:.
        let web = try #require(release.job(named: "web"))
        #expect(web.record.fingerprint == (try Fingerprint.job(at: dir + "/jobs/web")))
        #expect(web.record.version == web.record.fingerprint)
        #expect(web.record.sha1.hasPrefix("sha256:"))
        for package in release.packages {
            let expected = try Fingerprint.package(at: dir + "/packages/" + package.record.name)
            #expect(package.record.fingerprint == expected && package.record.version == expected)
            #expect(expected.count == 64)
        }

        let unpacked = dir + "/unpacked"
        try ReleaseTarball.extract(release.tarball, to: unpacked)
        // job.MF is the spec as written; templates keep their paths and executable bits.
        let job = try entries(ofArchive: unpacked + "/jobs/web.tgz")
        #expect(job == ["job.MF": 0o644, "monit": 0o644, "templates/ctl.erb": 0o755, "templates/conf/app.yml.erb": 0o644])
        #expect(web.files["templates/ctl.erb"] == Array("#!/bin/sh\n".utf8))
        let app = try entries(ofArchive: unpacked + "/packages/app.tgz")
        #expect(
            app == [
                "packaging": 0o644, "app/main.rb": 0o755, "app/a/b/c.txt": 0o644, "app/current -> main.rb": 0,
                "vendor/tool.tgz": 0o644,
            ])
        #expect(try entries(ofArchive: unpacked + "/license.tgz") == ["LICENSE": 0o644])

        // The same directory builds to the same bytes.
        let again = try ReleaseBuilder.build(directory: dir, name: "other", version: "7", to: dir + "/out/again.tgz")
        #expect(again.manifest.name == "other" && again.manifest.version == "7")
        #expect(again.packages.map(\.record.sha1) == release.packages.map(\.record.sha1))
        #expect(again.jobs.map(\.record.sha1) == release.jobs.map(\.record.sha1))
    }

    /// A corpus release rebuilt from its directory gets the fingerprints bosh-cli recorded (legacy SHA-1).
    @Test(arguments: ["simple-link-release-v1.0.tgz", "simple-link-release-v2.0.tgz"])
    func corpusFingerprintsRecompute(_ file: String) throws {
        let dir = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let original = try Fixtures.releaseDirectory(from: Fixtures.release(file), in: dir + "/release")
        let rebuilt = try ReleaseBuilder.build(
            directory: dir + "/release", name: original.manifest.name, to: dir + "/rebuilt.tgz", algorithm: .sha1)
        #expect(rebuilt.jobs.map(\.record.name) == original.jobs.map(\.record.name).sorted())
        for job in original.jobs {
            #expect(rebuilt.job(named: job.record.name)?.record.fingerprint == job.record.fingerprint)
            #expect(rebuilt.job(named: job.record.name)?.files == job.files)
        }
        for package in original.packages {
            let record = try #require(rebuilt.package(named: package.record.name)?.record)
            #expect(record.fingerprint == package.record.fingerprint)
            #expect(record.sha1.count == 40)
            #expect(record.dependencies.sorted() == package.record.dependencies.sorted())
        }
    }

    /// unsorted-release (bosh-cli, 2016) records a license (its LICENSE file sits at the top of the tarball)
    /// and packages with dependencies: both fingerprints recompute. (Its job's fingerprint is not compared: an
    /// earlier bosh-cli fingerprinted jobs by file basename, `spec` rather than `job.MF`, as bosh-cli's
    /// fingerprint.go notes.)
    @Test func corpusLicenseAndPackageFingerprintsRecompute() throws {
        let dir = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let original = try Fixtures.releaseDirectory(
            from: Fixtures.release("unsorted-release-0+dev.1.tgz"), in: dir + "/release")
        try FileManager.default.copyItem(atPath: dir + "/release/tarball/LICENSE", toPath: dir + "/release/LICENSE")
        let rebuilt = try ReleaseBuilder.build(
            directory: dir + "/release", name: "unsorted-release", to: dir + "/rebuilt.tgz", algorithm: .sha1)
        #expect(rebuilt.manifest.license?.fingerprint == "6bb6c2d3d62205811920bed6735c2a6c9110ab8a")
        #expect(rebuilt.manifest.license?.fingerprint == original.manifest.license?.fingerprint)
        #expect(rebuilt.license != nil)
        for package in original.packages {
            #expect(rebuilt.package(named: package.record.name)?.record.fingerprint == package.record.fingerprint)
        }
        #expect(rebuilt.package(named: "bar")?.record.dependencies == ["foo"])
    }

    @Test func errorsNameTheFile() throws {
        let dir = try sampleDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let out = dir + "/out.tgz"
        let fm = FileManager.default

        // A glob that matches nothing: bosh-cli's text, against the package's spec.
        try write("name: lib\nfiles: [lib/*.py]\n", dir + "/packages/lib/spec")
        var error = try #require(throws: ReleaseSpecError.self) { try ReleaseBuilder.build(directory: dir, to: out) }
        #expect(error.message == "Missing files for pattern 'lib/*.py'")
        #expect(error.file == dir + "/packages/lib/spec")

        // A dependency on a package that does not exist.
        try write("name: lib\ndependencies: [ghost]\nfiles: [lib/*.rb]\n", dir + "/packages/lib/spec")
        error = try #require(throws: ReleaseSpecError.self) { try ReleaseBuilder.build(directory: dir, to: out) }
        #expect(error.kind == .dependency)
        #expect(error.message == "expected to find package 'ghost' since it's a dependency of package 'lib'")
        #expect(error.file == dir + "/packages/lib/spec")

        // A cycle.
        try write("name: lib\ndependencies: [app]\nfiles: [lib/*.rb]\n", dir + "/packages/lib/spec")
        error = try #require(throws: ReleaseSpecError.self) { try ReleaseBuilder.build(directory: dir, to: out) }
        #expect(error.kind == .cycle)
        #expect(error.message.contains("app -> lib -> app"))
        try write("name: lib\nfiles: [lib/*.rb]\n", dir + "/packages/lib/spec")

        // A job needing a package the release lacks.
        try write("name: web\ntemplates: {ctl.erb: bin/ctl}\npackages: [nope]\n", dir + "/jobs/web/spec")
        error = try #require(throws: ReleaseSpecError.self) { try ReleaseBuilder.build(directory: dir, to: out) }
        #expect(error.message == "Expected to find package 'nope' since it's a dependency of job 'web'")
        #expect(error.file == dir + "/jobs/web/spec")

        // A template listed but absent.
        try write("name: web\ntemplates: {missing.erb: bin/x}\n", dir + "/jobs/web/spec")
        error = try #require(throws: ReleaseSpecError.self) { try ReleaseBuilder.build(directory: dir, to: out) }
        #expect(error.file == dir + "/jobs/web/templates/missing.erb")

        // A job directory without a spec.
        try fm.removeItem(atPath: dir + "/jobs/web/spec")
        error = try #require(throws: ReleaseSpecError.self) { try ReleaseBuilder.build(directory: dir, to: out) }
        #expect(error.description.contains(dir + "/jobs/web/spec"))

        // No name in config/final.yml and none given.
        try fm.removeItem(atPath: dir + "/jobs")
        try write("blobstore: {provider: local}\n", dir + "/config/final.yml")
        error = try #require(throws: ReleaseSpecError.self) { try ReleaseBuilder.build(directory: dir, to: out) }
        #expect(error.message.contains("Expected non-empty 'name' in config"))
        #expect(try ReleaseBuilder.build(directory: dir, name: "named", to: out).jobs.isEmpty)

        // An invalid version, and a directory that does not exist.
        error = try #require(throws: ReleaseSpecError.self) {
            try ReleaseBuilder.build(directory: dir, name: "x", version: "1 2", to: out)
        }
        #expect(error.message.contains("invalid release version"))
        error = try #require(throws: ReleaseSpecError.self) {
            try ReleaseBuilder.build(directory: dir + "/nothing", to: out)
        }
        #expect(error.file == dir + "/nothing")
        // Failed builds leave the last good tarball alone and no staging directory behind.
        #expect(try ReleaseTarball.read(at: out).manifest.name == "named")
        #expect(try fm.contentsOfDirectory(atPath: dir).filter { $0.hasPrefix(".boshkit-release-") }.isEmpty)
    }
}

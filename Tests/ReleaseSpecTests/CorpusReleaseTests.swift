import ReleaseSpec
import Testing

/// Every release tarball of the corpus: the good ones read and verify, the broken ones fail clearly.
@Suite struct CorpusReleaseTests {
    struct Expected: CustomTestStringConvertible, Sendable {
        var file: String
        var name: String
        var version: String
        var jobs: Int
        var packages: Int
        var compiled = false
        var testDescription: String { file }
    }

    static let readable: [Expected] = [
        Expected(file: "bosh-release-0+dev.1.tgz", name: "bosh-release", version: "0+dev.1", jobs: 13, packages: 18),
        Expected(file: "dummy-release.tgz", name: "dummy", version: "0.2-dev", jobs: 5, packages: 2),
        Expected(file: "dummy2-release.tgz", name: "dummy2", version: "0.2-dev", jobs: 5, packages: 2),
        Expected(
            file: "release-hello-go-50-on-toronto-os-stemcell-1.tgz", name: "hello-go", version: "50", jobs: 1,
            packages: 1, compiled: true),
        Expected(
            file: "release-test_release-1-on-centos-7-stemcell-3001.tgz", name: "test_release", version: "1", jobs: 6,
            packages: 5, compiled: true),
        Expected(
            file: "simple-link-release-v1.0.tgz", name: "simple-link-release", version: "1.0", jobs: 3, packages: 3),
        Expected(
            file: "simple-link-release-v2.0.tgz", name: "simple-link-release", version: "2.0", jobs: 3, packages: 3),
        Expected(file: "test_release.tgz", name: "test_release", version: "1", jobs: 6, packages: 5),
        Expected(
            file: "unsorted-release-0+dev.1.tgz", name: "unsorted-release", version: "0+dev.1", jobs: 1, packages: 2),
        Expected(file: "valid_release.tgz", name: "appcloud", version: "0.1", jobs: 3, packages: 2),
    ]

    @Test(arguments: readable)
    func readsAndVerifies(_ expected: Expected) throws {
        let release = try ReleaseTarball.read(at: Fixtures.release(expected.file))
        #expect(release.manifest.name == expected.name)
        #expect(release.manifest.version == expected.version)
        #expect(release.jobs.count == expected.jobs)
        #expect(release.packages.count == expected.packages)
        #expect(release.manifest.isCompiled == expected.compiled)
        for job in release.jobs {
            #expect(job.archive.digest == job.record.sha1)
            for template in job.spec.templates { #expect(job.templateSource(template) != nil) }
        }
        for package in release.packages { #expect(package.archive.digest == package.record.sha1) }
        let order = try release.compileOrder()
        #expect(Set(order) == Set(release.packages.map(\.record.name)))
    }

    @Test func invalidChecksumNamesThePackageAndBothDigests() throws {
        let error = try #require(throws: ReleaseSpecError.self) {
            try ReleaseTarball.read(at: Fixtures.release("release_invalid_checksum.tgz"))
        }
        #expect(error.kind == .digestMismatch)
        #expect(error.package == "stuff")
        #expect(error.expectedDigest == "6bbd4a12e3a59e10b96ecb9aac3d73ec4f819782")
        #expect(error.actualDigest == "6bbd4a12e3a59e10b96ecb9aac3d73ec4f819783")
        #expect(
            error.message
                == "package 'stuff' (packages/stuff.tgz): expected digest '6bbd4a12e3a59e10b96ecb9aac3d73ec4f819782' but the archive's is '6bbd4a12e3a59e10b96ecb9aac3d73ec4f819783'"
        )
    }

    @Test func jobListedButAbsent() throws {
        let error = try #require(throws: ReleaseSpecError.self) {
            try ReleaseTarball.read(at: Fixtures.release("release_invalid_jobs.tgz"))
        }
        #expect(error.kind == .missingArchive)
        #expect(error.job == "broken")
        #expect(error.message == "job 'broken' is listed in release.MF but jobs/broken.tgz is not in the tarball")
    }

    @Test func legacyBinaryDigestsAreDecoded() throws {
        let release = try ReleaseTarball.read(at: Fixtures.release("dummy-release.tgz"))
        #expect(release.manifest.jobs[0].sha1 == "16baf0c24e2dac2a21ccdcd4655be403a602f573")
        #expect(release.manifest.packages[0].fingerprint == "e44d6e76a3cb74bfda0ec6d56dfbb334ca798209")
        let properties = try #require(release.job(named: "dummy_with_properties")?.spec.properties)
        #expect(properties.map(\.name) == ["dummy_with_properties.echo_value"])
        #expect(properties[0].defaultValue?.string == "10.1")
    }

    @Test func versionsKeepTheirSourceText() throws {
        let release = try ReleaseTarball.read(at: Fixtures.release("valid_release.tgz"))
        #expect(release.manifest.version == "0.1")
        #expect(release.manifest.jobs.map(\.version) == ["1a", "2a", "24a"])
        // legacy `configuration:` templates live under config/
        let cacher = try #require(release.job(named: "cacher"))
        #expect(cacher.spec.usesLegacyConfiguration)
        #expect(cacher.spec.templates.map(\.source) == ["file1.conf", "file2.conf"])
        #expect(cacher.files.keys.sorted() == ["config/file1.conf", "config/file2.conf", "monit"])
    }

    @Test func compiledReleaseRecordsTheStemcell() throws {
        let release = try ReleaseTarball.read(
            at: Fixtures.release("release-test_release-1-on-centos-7-stemcell-3001.tgz"))
        #expect(release.packages.allSatisfy { $0.record.stemcell == "centos-7/3001" })
        #expect(
            try release.compileOrder(forJobs: ["job_using_pkg_5"])
                == ["pkg_1", "pkg_2", "pkg_3_depends_on_2", "pkg_4_depends_on_3", "pkg_5_depends_on_4_and_1"])
    }

    @Test func licenseListedButAbsentIsTolerated() throws {
        let release = try ReleaseTarball.read(at: Fixtures.release("unsorted-release-0+dev.1.tgz"))
        #expect(release.manifest.license != nil)
        #expect(release.license == nil)
    }
}

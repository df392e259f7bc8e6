import StemcellSpec
import Testing

/// Selecting an uploaded stemcell for a deployment's `stemcells:` entry, as the director does.
@Suite struct StemcellMatcherTests {
    let uploaded = [
        UploadedStemcell(
            name: "bosh-aws-xen-hvm-ubuntu-jammy-go_agent", version: "621.9", operatingSystem: "ubuntu-jammy"),
        UploadedStemcell(
            name: "bosh-aws-xen-hvm-ubuntu-jammy-go_agent", version: "621.10", operatingSystem: "ubuntu-jammy"),
        UploadedStemcell(
            name: "bosh-aws-xen-hvm-ubuntu-jammy-go_agent", version: "1.5", operatingSystem: "ubuntu-jammy"),
        UploadedStemcell(
            name: "bosh-aws-xen-hvm-ubuntu-jammy-fips", version: "621.10", operatingSystem: "ubuntu-jammy"),
        UploadedStemcell(name: "bosh-aws-xen-hvm-centos-7-go_agent", version: "3001", operatingSystem: "centos-7"),
    ]

    @Test func exactByName() throws {
        let match = try StemcellRequirement(name: "bosh-aws-xen-hvm-centos-7-go_agent", version: "3001").match(
            in: uploaded)
        #expect(match.operatingSystem == "centos-7")
    }

    @Test func latestOrdersVersionsNumerically() throws {
        let match = try StemcellRequirement(name: "bosh-aws-xen-hvm-ubuntu-jammy-go_agent", version: "latest").match(
            in: uploaded)
        #expect(match.version == "621.10")
        let prefixed = try StemcellRequirement(os: "ubuntu-jammy", version: "621.latest").match(in: uploaded)
        #expect(prefixed.version == "621.10")
        #expect(prefixed.name == "bosh-aws-xen-hvm-ubuntu-jammy-fips")  // same version: first by name
        #expect(try StemcellRequirement(os: "ubuntu-jammy", version: "1.latest").match(in: uploaded).version == "1.5")
    }

    @Test func exactByOSPicksTheFirstName() throws {
        let match = try StemcellRequirement(os: "ubuntu-jammy", version: "621.10").match(in: uploaded)
        #expect(match.name == "bosh-aws-xen-hvm-ubuntu-jammy-fips")
    }

    @Test func errorsListWhatIsAvailable() throws {
        let available =
            "; available: bosh-aws-xen-hvm-centos-7-go_agent/3001 (centos-7), bosh-aws-xen-hvm-ubuntu-jammy-fips/621.10 (ubuntu-jammy), bosh-aws-xen-hvm-ubuntu-jammy-go_agent/1.5 (ubuntu-jammy), bosh-aws-xen-hvm-ubuntu-jammy-go_agent/621.10 (ubuntu-jammy), bosh-aws-xen-hvm-ubuntu-jammy-go_agent/621.9 (ubuntu-jammy)"
        let byOS = try #require(throws: StemcellSpecError.self) {
            try StemcellRequirement(os: "ubuntu-noble", version: "1").match(in: uploaded)
        }
        #expect(byOS.kind == .noMatch)
        #expect(byOS.message == "Stemcell version '1' for OS 'ubuntu-noble' doesn't exist" + available)
        let byName = try #require(throws: StemcellSpecError.self) {
            try StemcellRequirement(name: "x", version: "2").match(in: uploaded)
        }
        #expect(byName.message == "Stemcell 'x/2' doesn't exist" + available)
        let prefix = try #require(throws: StemcellSpecError.self) {
            try StemcellRequirement(os: "centos-7", version: "315.latest").match(in: uploaded)
        }
        #expect(
            prefix.message
                == "Stemcell with Operating System 'centos-7' exists, but version with prefix '315' not found."
                + available)
        let neither = try #require(throws: StemcellSpecError.self) {
            try StemcellRequirement(version: "1").match(in: uploaded)
        }
        #expect(neither.message == "Required property 'os' or 'name' was not specified")
        let none = try #require(throws: StemcellSpecError.self) {
            try StemcellRequirement(os: "x", version: "latest").match(in: [])
        }
        #expect(none.message == "Stemcell version 'latest' for OS 'x' doesn't exist; no stemcells are uploaded")
    }

    @Test func versionOrder() {
        #expect(StemcellVersionOrder.isOlder("315.9", than: "315.10"))
        #expect(StemcellVersionOrder.isOlder("315", than: "315.1"))
        #expect(StemcellVersionOrder.isOlder("3001_1", than: "3001.2"))
        #expect(!StemcellVersionOrder.isOlder("621.10", than: "621.9"))
    }
}

import BoshYAML
import ManifestModel
import Testing

@Suite struct TypedValueTests {
    @Test func maxInFlight() {
        #expect(MaxInFlight("30%") == .percent(30))
        #expect(MaxInFlight("4") == .count(4))
        #expect(MaxInFlight("x") == nil)
        // The director rounds a percentage down and never goes below one.
        #expect(MaxInFlight.percent(30).limit(total: 10) == 3)
        #expect(MaxInFlight.percent(30).limit(total: 3) == 1)
        #expect(MaxInFlight.percent(50).limit(total: 5) == 2)
        #expect(MaxInFlight.count(0).limit(total: 5) == 1)
    }

    @Test func watchTimes() {
        #expect(WatchTime("1000-30000") == WatchTime(from: 1000, to: 30000))
        #expect(WatchTime(" 1000 - 3000 ")?.upperBound == 3000)
        #expect(WatchTime("5000") == WatchTime(milliseconds: 5000))
        #expect(WatchTime("30000-1000") == nil)
        #expect(WatchTime("a-b") == nil)
    }

    @Test func versions() {
        #expect(StemcellVersion("621.latest") == .latestOf("621"))
        #expect(StemcellVersion("621.latest").admits("621.74"))
        #expect(!StemcellVersion("621.latest").admits("6210.1"))
        #expect(StemcellVersion("latest") == .latest)
        #expect(ReleaseVersion("latest") == .latest)
    }

    @Test func versionsAreReadAsBoshCliSendsThem() throws {
        let m = try DeploymentManifest(
            yaml: "name: x\nreleases:\n- {name: a, version: 1.10}\n- {name: b, version: \"1.10\"}\n- {name: c, version: 3}\n")
        #expect(m.releases?.map(\.version) == [.exact("1.1"), .exact("1.10"), .exact("3")])
    }

    @Test func typedUpdateBlock() throws {
        let m = try DeploymentManifest(
            yaml: "name: x\nupdate: {canaries: 2, max_in_flight: 25%, canary_watch_time: 1000-60000, update_watch_time: 5000, serial: false}\n")
        let u = try #require(m.update)
        #expect(u.canaries == 2)
        #expect(u.maxInFlight == .percent(25))
        #expect(u.canaryWatchTime == WatchTime(from: 1000, to: 60000))
        #expect(u.updateWatchTime == WatchTime(milliseconds: 5000))
        #expect(u.serial == false)
        let group = UpdatePolicy().merged(over: u)
        #expect(group.canaries == 2)
    }

    @Test func unknownKeysAreKeptAndWritten() throws {
        let source = "name: x\nmy_label: {team: a}\ninstance_groups:\n- name: a\n  instances: 1\n  jobs: []\n  networks: []\n  custom: 7\n"
        var m = try DeploymentManifest(yaml: source)
        #expect(m.extra["my_label"]?["team"]?.string == "a")
        #expect(m.instanceGroups?.first?.extra["custom"]?.string == "7")
        m.instanceGroups?[0].instances = 3
        let written = try m.yamlTree().emit(style: .boshInt)
        #expect(written.contains("my_label:\n  team: a\n"))
        #expect(written.contains("- custom: 7\n"))
        #expect(written.contains("  instances: 3\n"))
    }
}

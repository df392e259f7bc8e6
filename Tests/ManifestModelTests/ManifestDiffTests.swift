import BoshYAML
import ManifestModel
import Testing

/// `ManifestDiff` beyond the recorded fixtures: bad input, first deploys, rendering and redaction details.
@Suite struct ManifestDiffTests {
    @Test func firstDeployShowsEverythingAddedInTheDirectorsSectionOrder() throws {
        // `update:` is a known section and comes first; `name: a` is keyed by its whole text, so it goes last.
        let diff = try ManifestDiff(old: "", new: "name: a\nupdate: {canaries: 1}\n")
        #expect(diff.rendered() == "+ update:\n+   canaries: 1\n  \n+ name: a\n")
    }

    @Test func identicalDocumentsHaveNoLines() throws {
        let diff = try ManifestDiff(old: "name: a\nx: [1, 2]\n", new: "x: [1, 2]\nname: a\n")
        #expect(!diff.hasChanges)
        #expect(diff.rendered() == "")
    }

    /// A tag decides a scalar's value over its spelling: `!!str 1` is the string, `!!int 1` the number, and Ruby's
    /// `"1" == 1` is false (checked with ruby's Psych). Keys too: a tagged key is looked up by its value.
    @Test func tagsDecideEqualityOverSpelling() throws {
        let values = try ManifestDiff(old: "name: a\nx:\n  y: !!str 1\n", new: "name: a\nx:\n  y: !!int 1\n")
        #expect(values.rendered() == "  x:\n-   \"y\": '1'\n+   \"y\": 1\n")  // Psych quotes the key y (a YAML 1.1 boolean)
        let same = try ManifestDiff(old: "name: a\nx: !!str 1\n", new: "name: a\nx: '1'\n")
        #expect(!same.hasChanges)
        let keys = try ManifestDiff(old: "name: a\nx: {!!int 1: v}\n", new: "name: a\nx: {'1': v}\n")
        #expect(keys.hasChanges)
    }

    /// Ruby compares strings byte by byte: a precomposed `é` (U+00E9) is not `e` followed by U+0301, though Swift's
    /// `String ==` finds them equal (checked with ruby's Psych).
    @Test func stringsCompareByteForByte() throws {
        let values = try ManifestDiff(old: "name: a\nx: \"\u{E9}\"\n", new: "name: a\nx: \"e\u{301}\"\n")
        #expect(values.hasChanges)
        let lists = try ManifestDiff(old: "name: a\nx: [\"\u{E9}\"]\n", new: "name: a\nx: [\"e\u{301}\"]\n")
        #expect(lists.hasChanges)
        let same = try ManifestDiff(old: "name: a\nx: \"\u{E9}\"\n", new: "name: a\nx: \u{E9}\n")
        #expect(!same.hasChanges)
    }

    @Test func aNonMapRootIsAnErrorWithItsPosition() {
        #expect(throws: DiffError.self) { try ManifestDiff(old: "name: a\n", new: "- a\n- b\n", newFile: "new.yml") }
        do {
            _ = try ManifestDiff(old: "name: a\n", new: "\n- a\n", newFile: "new.yml")
        } catch {
            #expect(error.kind == .notAMap)
            #expect(error.description == "new.yml:2:1: the document is a list, expected a map")
        }
    }

    @Test func documentsOfDifferentKindsAreRefused() {
        do {
            _ = try ManifestDiff(
                old: "name: a\ninstance_groups: []\n", oldFile: "manifest.yml", new: "azs:\n- name: z1\n",
                newFile: "cloud.yml")
            Issue.record("expected an error")
        } catch {
            #expect(error.kind == .kindMismatch)
            #expect(
                error.description
                    == "cloud.yml:1:1: 'azs' makes this a cloud config, but manifest.yml:1:1 'name' makes that a deployment manifest; diff two documents of the same kind")
        }
    }

    @Test func malformedYAMLNamesFileAndLine() {
        do {
            _ = try ManifestDiff(old: "a: [1\n", oldFile: "old.yml", new: "a: 1\n")
            Issue.record("expected an error")
        } catch {
            #expect(error.kind == .yaml)
            #expect(error.file == "old.yml")
            #expect(error.mark != nil)
        }
    }

    @Test func unquotedDatesAreRefusedAsTheDirectorRefusesThem() {
        do {
            _ = try ManifestDiff(old: "name: a\n", new: "name: a\nupdate:\n  since: 2024-01-01\n", newFile: "n.yml")
            Issue.record("expected an error")
        } catch {
            #expect(error.kind == .unloadable)
            #expect(error.description.hasPrefix("n.yml:3:10: '2024-01-01' is an unquoted date"))
        }
    }

    @Test func releaseURLCredentialsAreRedacted() throws {
        let old = "name: a\nreleases:\n- {name: r, version: '1', url: 'https://admin:hunter2@h/r-1.tgz'}\n"
        let new = "name: a\nreleases:\n- {name: r, version: '2', url: 'https://admin:hunter2@h/r-2.tgz'}\n"
        let redacted = try ManifestDiff(old: old, new: new).rendered()
        #expect(!redacted.contains("hunter2"))
        #expect(redacted.contains("https://<redacted>:<redacted>@h/r-2.tgz"))
        #expect(try ManifestDiff(old: old, new: new, redact: false).rendered().contains("https://admin:hunter2@h/r-2.tgz"))
    }

    @Test func secretsNeverAppearWhenRedacting() throws {
        let old = "name: a\ninstance_groups:\n- name: w\n  env: {bosh: {password: hunter2}}\n  properties: {k: s3cr3t}\n"
        let new = "name: a\ninstance_groups:\n- name: w\n  env: {bosh: {password: hunter3}}\n  properties: {k: t0ps3cr3t}\n"
        let text = try ManifestDiff(old: old, new: new).rendered()
        for secret in ["hunter2", "hunter3", "s3cr3t", "t0ps3cr3t"] { #expect(!text.contains(secret)) }
        #expect(text.contains("password: \"<redacted>\""))
    }

    @Test func colourWrapsOnlyChangedLines() throws {
        let diff = try ManifestDiff(old: "name: a\nupdate: {canaries: 1}\n", new: "name: a\nupdate: {canaries: 2}\n")
        #expect(
            diff.rendered(colour: true)
                == "  update:\n\u{1B}[31m-   canaries: 1\u{1B}[0m\n\u{1B}[32m+   canaries: 2\u{1B}[0m\n")
        #expect(diff.lines.map(\.indent) == [0, 1, 1])
        #expect(diff.lines.map(\.state) == [.unchanged, .removed, .added])
    }

    @Test func longPlainValuesFoldAtEightyColumnsOfTheDumpedBlock() throws {
        let words = Array(repeating: "word", count: 30).joined(separator: " ")
        let diff = try ManifestDiff(old: "name: a\n", new: "name: a\nnote: \(words)\n")
        #expect(diff.lines.count == 2)
        #expect(diff.lines[1].text.hasPrefix("  word"))
    }
}

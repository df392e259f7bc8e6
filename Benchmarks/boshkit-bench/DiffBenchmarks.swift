import BoshYAML
import Foundation
import ManifestModel

/// diff_v57_v58 (parse cf-deployment v57.0.0 and v58.0.0, diff, render the redacted lines), diff_v57_v58_only
/// (diff and render pre-parsed trees) and diff_large (the same on generated manifests with the instance groups
/// repeated 20×, to show how the time grows with size).
enum DiffBenchmarks {
    static let copies = 33

    static func run(_ runner: BenchRunner) throws {
        let old = try BenchFixtures.corpusBytes("cf-deployment-history/cf-deployment-v57.0.0.yml")
        let new = try BenchFixtures.corpusBytes("cf-deployment-v58/cf-deployment.yml")
        runner.measure("diff_v57_v58", iterations: 100) { diffAndRender(old, new, expectedLines: 396) }

        let oldTree = try YAMLParser.parse(bytes: old, file: "old.yml")
        let newTree = try YAMLParser.parse(bytes: new, file: "new.yml")
        runner.measure("diff_v57_v58_only", iterations: 100) {
            let diff = try! ManifestDiff(old: oldTree, new: newTree)
            precondition(diff.rendered().utf8.count > 10_000)
        }

        let bigOld = repeatingInstanceGroups(old, copies)
        let bigNew = repeatingInstanceGroups(new, copies)
        if runner.wants("diff_large") {
            let growth = Double(bigOld.count + bigNew.count) / Double(old.count + new.count)
            FileHandle.standardError.write(Data("bench: diff_large input is \((growth * 10).rounded() / 10)× diff_v57_v58's\n".utf8))
        }
        runner.measure("diff_large", iterations: 10) { diffAndRender(bigOld, bigNew, expectedLines: nil) }
    }

    private static func diffAndRender(_ old: [UInt8], _ new: [UInt8], expectedLines: Int?) {
        let diff = try! ManifestDiff(
            old: YAMLParser.parse(bytes: old, file: "old.yml"), new: YAMLParser.parse(bytes: new, file: "new.yml"))
        let text = diff.rendered()
        if let expectedLines { precondition(diff.lines.count == expectedLines) }
        precondition(!text.isEmpty)
    }

    /// The manifest with its `instance_groups` list repeated `n` times, each copy's groups renamed `NAME-k`.
    static func repeatingInstanceGroups(_ bytes: [UInt8], _ n: Int) -> [UInt8] {
        let lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        guard let start = lines.firstIndex(of: "instance_groups:") else { return bytes }
        let end = lines[(start + 1)...].firstIndex { line in
            guard let c = line.first else { return false }
            return c != " " && c != "-" && c != "#"
        } ?? lines.endIndex
        let groups = lines[(start + 1)..<end]
        var out = lines[...start].joined(separator: "\n") + "\n"
        for k in 0..<n {
            for line in groups {
                if line.hasPrefix("- name: ") { out += line + "-\(k)\n" } else { out += line + "\n" }
            }
        }
        out += lines[end...].joined(separator: "\n")
        return Array(out.utf8)
    }
}

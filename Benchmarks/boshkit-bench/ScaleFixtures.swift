/// Larger cf-deployments for the scale rows: the `instance_groups` list repeated, the first copy keeping its
/// names (so ops files that address groups by name still apply) and copy k ≥ 1 renaming each group `NAME-k`.
enum ScaleFixtures {
    /// The manifest with its `instance_groups` list repeated `n` times.
    static func repeatingInstanceGroups(_ bytes: [UInt8], _ n: Int, renameFirstCopy: Bool = false) -> [UInt8] {
        let lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        guard let start = lines.firstIndex(of: "instance_groups:") else { return bytes }
        let end = lines[(start + 1)...].firstIndex { line in
            guard let c = line.first else { return false }
            return c != " " && c != "-" && c != "#"
        } ?? lines.endIndex
        let groups = lines[(start + 1)..<end]
        var out = lines[...start].joined(separator: "\n") + "\n"
        for k in 0..<n {
            let rename = renameFirstCopy || k > 0
            for line in groups {
                if rename && line.hasPrefix("- name: ") { out += line + "-\(k)\n" } else { out += line + "\n" }
            }
        }
        out += lines[end...].joined(separator: "\n")
        return Array(out.utf8)
    }

    /// `a / b` to two decimals.
    static func roundedGrowth(_ a: Int, _ b: Int) -> Double { (Double(a) / Double(max(b, 1)) * 100).rounded() / 100 }
}

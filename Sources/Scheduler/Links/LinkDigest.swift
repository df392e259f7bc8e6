/// The ``InstanceSpec/links`` digest of each instance group: what the group's jobs receive through the links
/// they consume, so a provider that gains or loses instances, moves addresses or exposes different property
/// values marks its consumers changed (`links`), as the director does.
///
/// Instance ids are left out: a new provider instance gets its id only when it is created, and counting that
/// would report a links change on the next deploy although nothing changed.
enum LinkDigest {
    /// The digest of a group that consumes no links.
    static let none = StateDigest.of(text: "")

    /// The digest per consuming instance group, from all of its jobs' resolved links.
    static func byGroup(_ links: [ResolvedLink]) -> [String: String] {
        var lines: [String: [String]] = [:]
        for link in links { lines[link.group, default: []].append(text(link)) }
        return lines.mapValues { StateDigest.of(text: $0.sorted().joined(separator: "\n")) }
    }

    /// One link as a line: consumer, provider and everything the templates see except instance ids.
    private static func text(_ link: ResolvedLink) -> String {
        var out = "\(link.job).\(link.name) (\(link.type)) <- \(link.provider ?? "none")"
        guard let data = link.data else { return out }
        out += " deployment=\(data.deploymentName) group=\(data.instanceGroup)"
        out += " default_network=\(data.defaultNetwork ?? "-") networks=\(data.networks.joined(separator: ","))"
        for i in data.instances {
            out += " [\(i.name)/\(i.index) az=\(i.az ?? "-") address=\(i.address ?? "-")\(i.bootstrap ? " bootstrap" : "")]"
        }
        out += " properties=\(data.properties.jsonText)"
        return out
    }
}

/// The director's `DiffLines#order`: top-level lines are cut into sections (a section starts at each level-0
/// line that does not start with a space or `-`, keyed by its whole text), a blank line goes before each
/// section, the sections of well-known keys come first in a fixed order, the rest keep their order, and the
/// very first blank line is dropped. Sections with the same text collide and the last one wins.
enum DiffOrdering {
    static let keyOrder = [
        "azs", "vm_types", "vm_extensions", "resource_pools", "compilation", "networks", "disk_types", "name",
        "stemcells", "releases", "update", "jobs", "release", "addons", "variables",
    ]

    static func order(_ lines: [DiffLine]) -> [DiffLine] {
        var sectionOrder: [String] = []
        var sections: [String: [DiffLine]] = [:]
        var current: String? = nil
        // The current section's lines, stored under its text when the next one starts (one lookup a section).
        var body: [DiffLine] = []
        for line in lines {
            if line.indent == 0 && !(line.text.hasPrefix(" ") || line.text.hasPrefix("-")) {
                if let key = current { sections[key] = body }
                current = line.text
                if sections[line.text] == nil { sectionOrder.append(line.text) }
                body = [DiffLine(indent: 0, text: "", state: .unchanged)]
            }
            // Lines before any section (impossible for maps) are dropped, as Ruby would fail on them.
            guard current != nil else { continue }
            body.append(line)
        }
        if let key = current { sections[key] = body }
        var ordered: [DiffLine] = []
        for name in keyOrder {
            if let section = sections.removeValue(forKey: name + ":") { ordered.append(contentsOf: section) }
        }
        for key in sectionOrder {
            if let section = sections.removeValue(forKey: key) { ordered.append(contentsOf: section) }
        }
        if !ordered.isEmpty { ordered.removeFirst() }
        return ordered
    }
}

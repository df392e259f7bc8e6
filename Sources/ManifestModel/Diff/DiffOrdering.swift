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
        // Sections as ranges of `lines` (each line is copied once, into the result).
        var sectionOrder: [String] = []
        var sections: [String: Range<Int>] = [:]
        var current: String? = nil
        var start = 0
        for (i, line) in lines.enumerated()
        where line.indent == 0 && !(line.text.hasPrefix(" ") || line.text.hasPrefix("-")) {
            // Lines before any section (impossible for maps) are dropped, as Ruby would fail on them.
            if let key = current { sections[key] = start..<i }
            current = line.text
            if sections[line.text] == nil { sectionOrder.append(line.text) }
            start = i
        }
        if let key = current { sections[key] = start..<lines.count }
        var ordered: [DiffLine] = []
        ordered.reserveCapacity(lines.count + sectionOrder.count)
        func add(_ range: Range<Int>) {
            // The blank line before each section, except the very first.
            if !ordered.isEmpty { ordered.append(DiffLine(indent: 0, text: "", state: .unchanged)) }
            ordered.append(contentsOf: lines[range])
        }
        for name in keyOrder {
            if let section = sections.removeValue(forKey: name + ":") { add(section) }
        }
        for key in sectionOrder {
            if let section = sections.removeValue(forKey: key) { add(section) }
        }
        return ordered
    }
}

/// Normalising tar entry names and refusing the ones that would escape a destination.
package enum ArchivePath {
    /// `./a//b/` → `a/b`; `"."`, `"./"` → `""`. Throws for absolute paths and `..` components.
    package static func normalize(_ raw: String) throws(ArchiveError) -> String {
        if raw.hasPrefix("/") { throw ArchiveError(.unsafePath(raw)) }
        var parts: [Substring] = []
        for part in raw.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." { throw ArchiveError(.unsafePath(raw)) }
            parts.append(part)
        }
        return parts.joined(separator: "/")
    }

    /// Whether a link at `path` pointing at `target` stays inside the archive root.
    package static func linkStaysInside(path: String, target: String) -> Bool {
        if target.hasPrefix("/") { return false }
        var depth = path.split(separator: "/").count - 1  // the link's directory
        for part in target.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." {
                depth -= 1
                if depth < 0 { return false }
            } else {
                depth += 1
            }
        }
        return true
    }

    /// The last path component.
    package static func basename(_ path: String) -> Substring {
        path.split(separator: "/").last ?? Substring(path)
    }

    /// Junk that archives made on macOS carry: AppleDouble `._*` files and `.DS_Store`.
    package static func isJunk(_ path: String) -> Bool {
        let name = basename(path)
        return name.hasPrefix("._") || name == ".DS_Store"
    }
}

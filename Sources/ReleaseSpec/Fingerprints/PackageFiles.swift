import Foundation

/// Selecting a package's files from `src/` and `blobs/` by its spec's `files` and `excluded_files` globs
/// (`*`, `?`, `[…]` within a path segment, `**` across segments), as bosh-cli does: `src/` wins over
/// `blobs/` for the same relative path, directories are skipped, a pattern matching nothing is an error
/// (`Missing files for pattern '…'`, bosh-cli's text, reported against the package's spec file).
enum PackageFiles {
    struct Selected {
        var path: String
        var relativePath: String
    }

    /// - Parameter specFile: the spec's path, named in errors.
    static func select(_ spec: PackageSpec, sourceDirectories: [String], specFile: String? = nil)
        throws(ReleaseSpecError) -> [Selected]
    {
        let listings = sourceDirectories.map { ($0, listFiles(under: $0)) }
        var byPath: [String: Selected] = [:]
        for pattern in spec.files {
            var matched = false
            for (directory, files) in listings {
                for relative in files where matches(pattern, relative) {
                    matched = true
                    if byPath[relative] == nil {
                        byPath[relative] = Selected(path: directory + "/" + relative, relativePath: relative)
                    }
                }
            }
            guard matched else {
                // bosh-cli's text; the spec file and package name say where.
                throw ReleaseSpecError(
                    .fingerprint, "Missing files for pattern '\(pattern)'", file: specFile, package: spec.name)
            }
        }
        for pattern in spec.excludedFiles {
            for (_, files) in listings {
                for relative in files where matches(pattern, relative) { byPath[relative] = nil }
            }
        }
        for special in ["packaging", "pre_packaging"] where byPath[special] != nil {
            throw ReleaseSpecError(
                .fingerprint,
                "expected special '\(special)' file to not be included via 'files' key for package '\(spec.name)'",
                package: spec.name)
        }
        return Array(byPath.values)
    }

    /// Relative paths of the files and symlinks under `root` (symlinked directories are not entered).
    static func listFiles(under root: String) -> [String] {
        guard let walker = FileManager.default.enumerator(atPath: root) else { return [] }
        var files: [String] = []
        while let relative = walker.nextObject() as? String {
            var info = stat()
            guard lstat(root + "/" + relative, &info) == 0 else { continue }
            if info.st_mode & S_IFMT != S_IFDIR { files.append(relative) }
        }
        return files
    }

    /// Whether `path` matches a glob; `**` matches any number of segments (including none).
    static func matches(_ pattern: String, _ path: String) -> Bool {
        let p = pattern.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        let s = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        return match(p[...], s[...])
    }

    private static func match(_ pattern: ArraySlice<String>, _ segments: ArraySlice<String>) -> Bool {
        guard let first = pattern.first else { return segments.isEmpty }
        if first == "**" {
            var rest = segments
            while true {
                if match(pattern.dropFirst(), rest) { return true }
                guard !rest.isEmpty else { return false }
                rest = rest.dropFirst()
            }
        }
        guard let segment = segments.first, fnmatch(first, segment, 0) == 0 else { return false }
        return match(pattern.dropFirst(), segments.dropFirst())
    }
}

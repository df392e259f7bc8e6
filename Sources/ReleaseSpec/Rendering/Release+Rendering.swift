import BoshArchive

extension Release {
    /// A summary like `bosh inspect-local-release`: name, version and commit, then a table of jobs
    /// (name/version, digest, packages) and one of packages (name/version, digest, dependencies).
    public func summaryText() -> String {
        var out = "Name         \(manifest.name)\n"
        out += "Version      \(manifest.version)\n"
        let dirty = manifest.uncommittedChanges == true ? "+" : ""
        out += "Commit Hash  \(manifest.commitHash.map { $0 + dirty } ?? "-")\n\n"
        var jobTable = TextTable(["Job", "Digest", "Packages"])
        for job in jobs {
            let packages = job.spec.packages.isEmpty ? "-" : job.spec.packages.joined(separator: ", ")
            jobTable.add(["\(job.record.name)/\(job.record.version)", job.archive.digest, packages])
        }
        out += jobTable.render() + "\n\(jobs.count) job\(jobs.count == 1 ? "" : "s")\n\n"
        var packageTable = TextTable(
            manifest.isCompiled
                ? ["Compiled Package", "Stemcell", "Digest", "Dependencies"] : ["Package", "Digest", "Dependencies"])
        for package in packages {
            let dependencies =
                package.record.dependencies.isEmpty ? "-" : package.record.dependencies.joined(separator: ", ")
            let name = "\(package.record.name)/\(package.record.version)"
            packageTable.add(
                manifest.isCompiled
                    ? [name, package.record.stemcell ?? "-", package.archive.digest, dependencies]
                    : [name, package.archive.digest, dependencies])
        }
        out += packageTable.render() + "\n\(packages.count) package\(packages.count == 1 ? "" : "s")\n"
        return out
    }

    /// One JSON object using the manifests' own field names: `name`, `version`, `commit_hash`,
    /// `uncommitted_changes`, `jobs` (with `packages` and `properties`), `packages`, `compiled_packages`,
    /// `compile_order`.
    public func jsonText() throws(ReleaseSpecError) -> String {
        let order = try compileOrder()
        let jobValues: [JSONValue] = jobs.map { job in
            .object([
                ("name", .string(job.record.name)), ("version", .string(job.record.version)),
                ("fingerprint", .optional(job.record.fingerprint)), ("sha1", .string(job.record.sha1)),
                ("packages", .array(job.spec.packages.map { .string($0) })),
                ("properties", .object(job.spec.properties.map { ($0.name, Self.json($0)) })),
            ])
        }
        func packageValue(_ package: ReleasePackage) -> JSONValue {
            var fields: [(String, JSONValue)] = [
                ("name", .string(package.record.name)), ("version", .string(package.record.version)),
                ("fingerprint", .optional(package.record.fingerprint)), ("sha1", .string(package.record.sha1)),
            ]
            if let stemcell = package.record.stemcell { fields.append(("stemcell", .string(stemcell))) }
            fields.append(("dependencies", .array(package.record.dependencies.map { .string($0) })))
            return .object(fields)
        }
        let value = JSONValue.object([
            ("name", .string(manifest.name)), ("version", .string(manifest.version)),
            ("commit_hash", .optional(manifest.commitHash)),
            ("uncommitted_changes", manifest.uncommittedChanges.map { .bool($0) } ?? .null),
            ("jobs", .array(jobValues)),
            ("packages", .array(manifest.isCompiled ? [] : packages.map(packageValue))),
            ("compiled_packages", .array(manifest.isCompiled ? packages.map(packageValue) : [])),
            ("compile_order", .array(order.map { .string($0) })),
        ])
        return value.text(indent: 2) + "\n"
    }

    private static func json(_ property: PropertyDefinition) -> JSONValue {
        var fields: [(String, JSONValue)] = []
        if let description = property.description { fields.append(("description", .string(description))) }
        if let value = property.defaultValue { fields.append(("default", JSONValue(value))) }
        if let value = property.example { fields.append(("example", JSONValue(value))) }
        if let type = property.type { fields.append(("type", .string(type))) }
        return .object(fields)
    }
}

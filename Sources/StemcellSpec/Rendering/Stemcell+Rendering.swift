import BoshArchive

extension Stemcell {
    /// A summary: name, version, OS, formats, digests and whether the stemcell is light.
    public func summaryText() -> String {
        var table = TextTable(["Field", "Value"])
        table.add(["Name", manifest.name])
        table.add(["Version", manifest.version])
        table.add(["OS", manifest.operatingSystem])
        table.add(["API Version", manifest.apiVersion.map(String.init) ?? "-"])
        table.add(["BOSH Protocol", manifest.boshProtocol ?? "-"])
        table.add([
            "Formats", manifest.stemcellFormats.isEmpty ? "-" : manifest.stemcellFormats.joined(separator: ", "),
        ])
        table.add(["SHA1", manifest.sha1 ?? "-"])
        table.add(["Image SHA1", imageSHA1 ?? "-"])
        table.add(["Image Size", imageSize.map { "\($0) bytes" } ?? "-"])
        table.add(["Light", isLight ? "yes (image digest not checked)" : "no (image digest verified)"])
        return table.render()
    }

    /// One JSON object with the `stemcell.MF` fields (`name`, `version`, `operating_system`, `api_version`,
    /// `bosh_protocol`, `sha1`, `stemcell_formats`, `cloud_properties`) plus `light`, `image_sha1`, `image_size`.
    public func jsonText() -> String {
        let value = JSONValue.object([
            ("name", .string(manifest.name)), ("version", .string(manifest.version)),
            ("operating_system", .string(manifest.operatingSystem)),
            ("api_version", manifest.apiVersion.map { .number(String($0)) } ?? .null),
            ("bosh_protocol", .optional(manifest.boshProtocol)), ("sha1", .optional(manifest.sha1)),
            ("stemcell_formats", .array(manifest.stemcellFormats.map { .string($0) })),
            ("cloud_properties", manifest.cloudProperties.map { JSONValue($0) } ?? .object([])),
            ("light", .bool(isLight)), ("image_sha1", .optional(imageSHA1)),
            ("image_size", imageSize.map { .number(String($0)) } ?? .null),
        ])
        return value.text(indent: 2) + "\n"
    }
}

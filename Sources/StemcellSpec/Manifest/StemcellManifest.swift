import BoshArchive
import BoshYAML

/// A stemcell's `stemcell.MF`. Versions keep their YAML text (`version: '3001'` is `"3001"`).
public struct StemcellManifest: Hashable, Sendable {
    /// The stemcell name, e.g. `bosh-aws-xen-hvm-ubuntu-jammy-go_agent`.
    public var name: String
    /// The version as written, e.g. `3001`, `621.125`.
    public var version: String
    /// The operating system, e.g. `ubuntu-jammy`.
    public var operatingSystem: String
    /// The digest of the full image (kept by light stemcells, whose image is a placeholder).
    public var sha1: String?
    /// The BOSH protocol version, when recorded.
    public var boshProtocol: String?
    /// The stemcell/agent API version, when recorded.
    public var apiVersion: Int?
    /// The image formats the stemcell offers (matched against the CPI's); empty when not recorded.
    public var stemcellFormats: [String]
    /// Opaque properties for the CPI's `create_stemcell` (an `ami` region map for light AWS stemcells).
    public var cloudProperties: YAMLNode?

    /// The `<os>/<version>` slug compiled releases record.
    public var slug: String { "\(operatingSystem)/\(version)" }

    /// Reads a `stemcell.MF`.
    /// - Parameters:
    ///   - bytes: the YAML text.
    ///   - file: the name used in errors.
    public init(bytes: [UInt8], file: String = "stemcell.MF") throws(StemcellSpecError) {
        do { try self.init(parsing: bytes, file: file) } catch { throw StemcellSpecError(error) }
    }

    private init(parsing bytes: [UInt8], file: String) throws(SpecFieldError) {
        let doc = try SpecDocument(bytes: bytes, file: file)
        guard let root = try doc.rootMapping(what: "stemcell.MF") else { throw doc.problem("stemcell.MF is empty") }
        name = try doc.requiredString(root, "name", path: "")
        version = try doc.requiredString(root, "version", path: "")
        operatingSystem = try doc.requiredString(root, "operating_system", path: "")
        sha1 = try doc.string(root, "sha1", path: "")
        boshProtocol = try doc.string(root, "bosh_protocol", path: "")
        if let id = doc.tree.value(root, forKey: "api_version"), !doc.isNull(id) {
            guard case .int(let value)? = doc.tree.resolved(id) else {
                throw doc.problem(id, "/api_version", "expected an integer, got \(doc.describe(id))")
            }
            apiVersion = Int(value)
        }
        stemcellFormats = try doc.stringList(root, "stemcell_formats", path: "")
        if let id = doc.tree.value(root, forKey: "cloud_properties"), !doc.isNull(id) {
            guard doc.tree.kind(id) == .mapping else {
                throw doc.problem(id, "/cloud_properties", "expected a mapping, got \(doc.describe(id))")
            }
            cloudProperties = doc.node(id)
        }
    }
}

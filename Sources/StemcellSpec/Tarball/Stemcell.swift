/// A stemcell read from its tarball.
public struct Stemcell: Sendable {
    /// The tarball the stemcell was read from.
    public var tarball: String
    /// The stemcell manifest.
    public var manifest: StemcellManifest
    /// The `image` entry's size in bytes (`nil` when the tarball has none).
    public var imageSize: Int64?
    /// The SHA-1 of the `image` entry as present in the tarball (`nil` when there is none).
    public var imageSHA1: String?
    /// Whether this is a light stemcell: the `image` is a small placeholder (not a gzip'd disk image) and the
    /// real image lives in the cloud (`cloud_properties` names it); its `sha1` is not checked.
    public var isLight: Bool
    /// Whether the image was checked against `stemcell.MF`'s `sha1` (full stemcells only).
    public var imageVerified: Bool
}

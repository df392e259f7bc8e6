/// One entry of a tar archive, as the header (plus GNU long-name and pax records) describes it.
package struct TarEntry: Hashable, Sendable {
    /// What the entry is.
    package enum Kind: Hashable, Sendable {
        case file, directory, symlink, hardlink, other
    }

    /// The normalised path (no `./` prefix, no trailing `/`); `""` for the archive root.
    package var path: String
    /// What the entry is.
    package var kind: Kind
    /// The size of the content in bytes (0 for directories and links).
    package var size: Int64
    /// The permission bits.
    package var mode: UInt32
    /// The target of a symlink or hard link.
    package var linkTarget: String
}

import StemcellSpec

/// The local stemcell a deploy uses when none is given: `bosh-local-<os>-go_agent`, written once into the
/// state directory.
enum LocalStemcellSource {
    static func tarball(os: String, version: String, director: LocalDirector) throws -> String {
        let concrete = version == "latest" || version.hasSuffix(".latest") ? "1" : version
        let path = director.layout.path("stemcells/\(StemcellBuilder.localName(os: os))-\(concrete).tgz")
        try StemcellBuilder.writeLocal(os: os, version: concrete, to: path, logger: director.logger)
        return path
    }
}

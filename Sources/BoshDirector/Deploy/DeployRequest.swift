/// What to deploy: the interpolated manifest and cloud config, the releases and stemcell to upload first, and
/// how to confirm the changes.
public struct DeployRequest: Sendable {
    /// The manifest, variables already interpolated.
    public var manifest: String
    /// Its file name, for error messages.
    public var manifestFile: String
    /// The cloud config, interpolated.
    public var cloudConfig: String
    /// Its file name, for error messages.
    public var cloudConfigFile: String
    /// Release tarballs (or release directories, built as dev releases) to upload before deploying.
    public var releases: [String]
    /// A stemcell tarball to upload; `nil` uses (and creates on first use) a local stemcell for the
    /// manifest's stemcell OS.
    public var stemcell: String?
    /// `--recreate`: every VM is replaced.
    public var recreate: Bool
    /// `--no-redact`: show secret values in the diff.
    public var showSecrets: Bool
    /// Asked with the rendered diff before anything changes; `false` cancels the deploy. `-n` answers yes.
    public var confirm: @Sendable (String) async -> Bool

    /// Creates a request.
    public init(
        manifest: String, manifestFile: String, cloudConfig: String, cloudConfigFile: String, releases: [String] = [],
        stemcell: String? = nil, recreate: Bool = false, showSecrets: Bool = false,
        confirm: @escaping @Sendable (String) async -> Bool = { _ in true }
    ) {
        self.manifest = manifest
        self.manifestFile = manifestFile
        self.cloudConfig = cloudConfig
        self.cloudConfigFile = cloudConfigFile
        self.releases = releases
        self.stemcell = stemcell
        self.recreate = recreate
        self.showSecrets = showSecrets
        self.confirm = confirm
    }
}

/// What a deploy did.
public struct DeployReport: Sendable {
    /// The deployment.
    public var deployment: String
    /// The task number.
    public var task: Int
    /// Whether it changed anything (false for a no-op deploy or a declined confirmation).
    public var changed: Bool
    /// Whether the operator declined the confirmation.
    public var declined = false
    /// Instances updated, created or deleted, as `group/id`.
    public var updatedInstances: [String]
}

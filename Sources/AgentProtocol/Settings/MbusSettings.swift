import BoshJSON

/// A blobstore: `{"provider": "s3", "options": {…}}`.
public struct BlobstoreSettings: Codable, Hashable, Sendable {
    /// `local`, `dav`, `s3`, `gcs`, …
    public var provider: String
    /// Provider-specific options.
    public var options: [String: JSONValue]?

    /// Creates blobstore settings.
    public init(provider: String, options: [String: JSONValue]? = nil) {
        self.provider = provider
        self.options = options
    }
}

/// The NATS client certificate an agent presents, and the CA it checks the server against.
public struct MbusCertificate: Codable, Hashable, Sendable {
    /// The CA (PEM).
    public var ca: String?
    /// The client certificate (PEM).
    public var certificate: String?
    /// The client key (PEM).
    public var privateKey: String?

    /// Creates certificate settings.
    public init(ca: String? = nil, certificate: String? = nil, privateKey: String? = nil) {
        self.ca = ca
        self.certificate = certificate
        self.privateKey = privateKey
    }

    enum CodingKeys: String, CodingKey {
        case ca, certificate
        case privateKey = "private_key"
    }
}

/// `mbus` in `env.bosh` and in `update_settings`: the certificate and, optionally, the NATS URLs.
public struct MbusSettings: Codable, Hashable, Sendable {
    /// The client certificate.
    public var cert: MbusCertificate?
    /// NATS URLs.
    public var urls: [String]?

    /// Creates mbus settings.
    public init(cert: MbusCertificate? = nil, urls: [String]? = nil) {
        self.cert = cert
        self.urls = urls
    }
}

/// The argument of `update_settings`.
public struct UpdateSettings: Codable, Hashable, Sendable {
    /// CA certificates (PEM, concatenated) to trust.
    public var trustedCerts: String?
    /// Persistent disks by name.
    public var diskAssociations: [DiskAssociation]?
    /// Blobstores that replace the ones in the settings.
    public var blobstores: [BlobstoreSettings]?
    /// A new NATS certificate (and URLs).
    public var mbus: MbusSettings?
    /// Members not modelled, kept as they came.
    public var otherMembers: [String: JSONValue]

    /// Creates the argument.
    public init(
        trustedCerts: String? = nil, diskAssociations: [DiskAssociation]? = nil, blobstores: [BlobstoreSettings]? = nil,
        mbus: MbusSettings? = nil, otherMembers: [String: JSONValue] = [:]
    ) {
        self.trustedCerts = trustedCerts
        self.diskAssociations = diskAssociations
        self.blobstores = blobstores
        self.mbus = mbus
        self.otherMembers = otherMembers
    }

    /// A persistent disk's name and cloud id.
    public struct DiskAssociation: Codable, Hashable, Sendable {
        /// The disk's name in the manifest.
        public var name: String
        /// Its cloud id.
        public var cid: String

        /// Creates an association.
        public init(name: String, cid: String) {
            self.name = name
            self.cid = cid
        }
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case trustedCerts = "trusted_certs"
        case diskAssociations = "disk_associations"
        case blobstores, mbus
    }

    /// Decodes the argument, keeping unmodelled members.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        trustedCerts = try c.decodeIfPresent(String.self, forKey: .trustedCerts)
        diskAssociations = try c.decodeIfPresent([DiskAssociation].self, forKey: .diskAssociations)
        blobstores = try c.decodeIfPresent([BlobstoreSettings].self, forKey: .blobstores)
        mbus = try c.decodeIfPresent(MbusSettings.self, forKey: .mbus)
        otherMembers = try decoder.otherMembers(besides: CodingKeys.self)
    }

    /// Encodes the argument with its unmodelled members.
    public func encode(to encoder: any Encoder) throws {
        try encoder.encodeOtherMembers(otherMembers)
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(trustedCerts, forKey: .trustedCerts)
        try c.encodeIfPresent(diskAssociations, forKey: .diskAssociations)
        try c.encodeIfPresent(blobstores, forKey: .blobstores)
        try c.encodeIfPresent(mbus, forKey: .mbus)
    }
}

import BoshJSON

/// A dependency of a package to compile, keyed by name in `compile_package`'s last argument.
public struct CompileDependency: Codable, Hashable, Sendable {
    /// The package name.
    public var name: String
    /// Its version.
    public var version: String
    /// Its multi-digest.
    public var sha1: String
    /// Its compiled blob (or signed URL, in the signed-URL variant).
    public var blobstoreID: String?
    /// A pre-signed download URL (signed-URL variant).
    public var packageGetSignedURL: String?
    /// Headers for the signed URL.
    public var blobstoreHeaders: [String: String]?

    /// Creates a dependency.
    public init(
        name: String, version: String, sha1: String, blobstoreID: String? = nil, packageGetSignedURL: String? = nil,
        blobstoreHeaders: [String: String]? = nil
    ) {
        self.name = name
        self.version = version
        self.sha1 = sha1
        self.blobstoreID = blobstoreID
        self.packageGetSignedURL = packageGetSignedURL
        self.blobstoreHeaders = blobstoreHeaders
    }

    enum CodingKeys: String, CodingKey {
        case name, version, sha1
        case blobstoreID = "blobstore_id"
        case packageGetSignedURL = "package_get_signed_url"
        case blobstoreHeaders = "blobstore_headers"
    }
}

/// The argument of `compile_package_with_signed_url`.
public struct SignedCompileRequest: Codable, Hashable, Sendable {
    /// Where to download the source package.
    public var packageGetSignedURL: String
    /// Where to upload the compiled package.
    public var uploadSignedURL: String
    /// Headers for both URLs.
    public var blobstoreHeaders: [String: String]?
    /// The source package's multi-digest.
    public var digest: String
    /// The package name.
    public var name: String
    /// Its version.
    public var version: String
    /// Its compiled dependencies by name.
    public var deps: [String: CompileDependency]

    /// Creates the argument.
    public init(
        packageGetSignedURL: String, uploadSignedURL: String, blobstoreHeaders: [String: String]? = nil, digest: String,
        name: String, version: String, deps: [String: CompileDependency] = [:]
    ) {
        self.packageGetSignedURL = packageGetSignedURL
        self.uploadSignedURL = uploadSignedURL
        self.blobstoreHeaders = blobstoreHeaders
        self.digest = digest
        self.name = name
        self.version = version
        self.deps = deps
    }

    enum CodingKeys: String, CodingKey {
        case packageGetSignedURL = "package_get_signed_url"
        case uploadSignedURL = "upload_signed_url"
        case blobstoreHeaders = "blobstore_headers"
        case digest, name, version, deps
    }
}

/// The value of `compile_package`: `{"result": {"blobstore_id", "sha1", "compile_log_id"?}}`.
public struct CompiledPackage: Codable, Hashable, Sendable {
    /// The compiled package.
    public var result: Blob

    /// Creates a value.
    public init(result: Blob) { self.result = result }

    /// A compiled package blob.
    public struct Blob: Codable, Hashable, Sendable {
        /// The uploaded blob (absent in the signed-URL variant).
        public var blobstoreID: String?
        /// Its multi-digest.
        public var sha1: String
        /// A blob with the compile log, when uploaded.
        public var compileLogID: String?

        /// Creates a blob reference.
        public init(blobstoreID: String? = nil, sha1: String, compileLogID: String? = nil) {
            self.blobstoreID = blobstoreID
            self.sha1 = sha1
            self.compileLogID = compileLogID
        }

        enum CodingKeys: String, CodingKey {
            case blobstoreID = "blobstore_id"
            case sha1
            case compileLogID = "compile_log_id"
        }
    }
}

/// The first argument of `fetch_logs`: one log type or a comma-separated list of them (`agent,job,system`, as
/// `bosh logs --all-logs` sends it). Any text decodes; the agent judges it (``kinds``).
public struct LogType: RawRepresentable, Codable, Hashable, Sendable, ExpressibleByStringLiteral {
    /// Job logs under /var/vcap/sys/log.
    public static let job = LogType(rawValue: "job")
    /// The agent's own logs under /var/vcap/bosh/log.
    public static let agent = LogType(rawValue: "agent")
    /// System logs under /var/log.
    public static let system = LogType(rawValue: "system")

    /// The text sent.
    public let rawValue: String

    /// A type or a comma-separated list of types.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// A type from a literal.
    public init(stringLiteral value: String) { self.rawValue = value }

    /// The types of a list, in order (`nil` when one is not `job`, `agent` or `system`: bosh-agent's
    /// `Invalid log type`).
    public var kinds: [LogType]? {
        let parts = rawValue.split(separator: ",", omittingEmptySubsequences: false).map { LogType(rawValue: String($0)) }
        return parts.allSatisfy { [.job, .agent, .system].contains($0) } ? parts : nil
    }

    public init(from decoder: any Decoder) throws { rawValue = try decoder.singleValueContainer().decode(String.self) }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

/// The argument of `fetch_logs_with_signed_url`.
public struct SignedLogsRequest: Codable, Hashable, Sendable {
    /// Where to upload the tarball.
    public var signedURL: String
    /// Which logs.
    public var logType: LogType
    /// Glob filters, `nil` for the defaults.
    public var filters: [String]?
    /// Headers for the URL.
    public var blobstoreHeaders: [String: String]?

    /// Creates the argument.
    public init(signedURL: String, logType: LogType, filters: [String]? = nil, blobstoreHeaders: [String: String]? = nil) {
        self.signedURL = signedURL
        self.logType = logType
        self.filters = filters
        self.blobstoreHeaders = blobstoreHeaders
    }

    enum CodingKeys: String, CodingKey {
        case signedURL = "signed_url"
        case logType = "log_type"
        case filters
        case blobstoreHeaders = "blobstore_headers"
    }
}

/// The value of `fetch_logs` (`blobstore_id` and `sha1`) or of its signed-URL variant (`sha1` only).
public struct LogsBlob: Codable, Hashable, Sendable {
    /// The uploaded blob, for plain `fetch_logs`.
    public var blobstoreID: String?
    /// The tarball's digest.
    public var sha1: String

    /// Creates a value.
    public init(blobstoreID: String? = nil, sha1: String) {
        self.blobstoreID = blobstoreID
        self.sha1 = sha1
    }

    enum CodingKeys: String, CodingKey {
        case blobstoreID = "blobstore_id"
        case sha1
    }
}

/// The argument of `upload_blob`.
public struct BlobUpload: Codable, Hashable, Sendable {
    /// The id to store the blob under.
    public var blobID: String
    /// The payload's multi-digest.
    public var checksum: String
    /// The bytes, base64-encoded.
    public var payload: String

    /// Creates the argument.
    public init(blobID: String, checksum: String, payload: String) {
        self.blobID = blobID
        self.checksum = checksum
        self.payload = payload
    }

    enum CodingKeys: String, CodingKey {
        case blobID = "blob_id"
        case checksum, payload
    }
}

/// The argument of `sync_dns_with_signed_url`.
public struct SignedDNSRequest: Codable, Hashable, Sendable {
    /// Where to download the records.
    public var signedURL: String
    /// Their multi-digest.
    public var multiDigest: String
    /// The records version.
    public var version: UInt64
    /// Headers for the URL.
    public var blobstoreHeaders: [String: String]?

    /// Creates the argument.
    public init(signedURL: String, multiDigest: String, version: UInt64, blobstoreHeaders: [String: String]? = nil) {
        self.signedURL = signedURL
        self.multiDigest = multiDigest
        self.version = version
        self.blobstoreHeaders = blobstoreHeaders
    }

    enum CodingKeys: String, CodingKey {
        case signedURL = "signed_url"
        case multiDigest = "multi_digest"
        case version
        case blobstoreHeaders = "blobstore_headers"
    }
}

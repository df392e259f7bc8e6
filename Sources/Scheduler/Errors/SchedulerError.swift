import ManifestModel
/// Why a deployment cannot be planned: a reference to something the cloud config does not define, a network
/// that cannot supply the addresses asked of it, a link that cannot be resolved, and so on.
///
/// The error names where the problem is (``file`` and ``path``, a go-patch pointer into the manifest or the
/// cloud config) and says what is wrong in the director's words.
public struct SchedulerError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The kind of problem; compared by ``kind`` so new kinds can be added without breaking callers.
    public struct Kind: Hashable, Sendable, CustomStringConvertible {
        fileprivate enum Code: Hashable, Sendable {
            case unknownReference, invalidNetwork, placement, ipAllocation, links, compilation, update, state
        }
        fileprivate let code: Code
        /// The manifest refers to an AZ, network, VM type, disk type or stemcell that is not defined.
        public static let unknownReference = Kind(code: .unknownReference)
        /// A cloud-config network or subnet is malformed (range, gateway, reserved, static, overlap).
        public static let invalidNetwork = Kind(code: .invalidNetwork)
        /// Instances cannot be placed (static IPs versus instance count, removed AZs …).
        public static let placement = Kind(code: .placement)
        /// An address cannot be reserved (exhausted network, IP outside every subnet …).
        public static let ipAllocation = Kind(code: .ipAllocation)
        /// A link cannot be resolved (missing, ambiguous).
        public static let links = Kind(code: .links)
        /// Packages cannot be ordered for compilation (unknown dependency, cycle).
        public static let compilation = Kind(code: .compilation)
        /// An update policy is unusable (missing required keys, bad vm_strategy).
        public static let update = Kind(code: .update)
        /// The given current state is inconsistent.
        public static let state = Kind(code: .state)
        public var description: String { "\(code)" }
    }

    /// What kind of problem this is.
    public let kind: Kind
    /// The document the problem is in: `"manifest"`, `"cloud-config"`, `"state"` or `"release"`.
    public let document: String
    /// Where in ``document``, as a go-patch pointer (`/instance_groups/name=web/azs`).
    public let path: String
    /// What is wrong.
    public let message: String

    init(_ kind: Kind, _ document: Document, _ path: String, _ message: String) {
        self.kind = kind
        self.document = document.rawValue
        self.path = path
        self.message = message
    }

    /// `manifest: /instance_groups/name=web/azs: message`.
    public var description: String { "\(document): \(path): \(message)" }

    enum Document: String {
        case manifest, cloudConfig = "cloud-config", state, release
    }
}

/// Go-patch pointers for the places errors point at (escaped by ``ManifestPath``).
enum Paths {
    static func group(_ name: String) -> String { "\(groupPath(name))" }
    static func groupNetwork(_ group: String, _ network: String) -> String {
        "\(groupPath(group).appending(key: "networks").appending(name: network))"
    }
    static func network(_ name: String) -> String { "\(networkPath(name))" }
    static func subnet(_ network: String, _ index: Int) -> String {
        "\(networkPath(network).appending(key: "subnets").appending(index: index))"
    }
    static func job(_ group: String, _ job: String) -> String {
        "\(groupPath(group).appending(key: "jobs").appending(name: job))"
    }

    static func consumer(_ group: String, _ job: String, _ name: String) -> String {
        "\(groupPath(group).appending(key: "jobs").appending(name: job).appending(key: "consumes").appending(key: name))"
    }
    static func provider(_ group: String, _ job: String, _ name: String) -> String {
        "\(groupPath(group).appending(key: "jobs").appending(name: job).appending(key: "provides").appending(key: name))"
    }
    static func packageDependencies(_ package: String) -> String {
        "\(ManifestPath.root.appending(key: "packages").appending(name: package).appending(key: "dependencies"))"
    }

    private static func groupPath(_ name: String) -> ManifestPath {
        ManifestPath.root.appending(key: "instance_groups").appending(name: name)
    }
    private static func networkPath(_ name: String) -> ManifestPath {
        ManifestPath.root.appending(key: "networks").appending(name: name)
    }
}

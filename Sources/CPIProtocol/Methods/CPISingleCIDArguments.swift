/// Arguments that are one cloud id, `[cid]`: `delete_vm`, `has_vm`, `reboot_vm`, `delete_disk`, `has_disk`,
/// `get_disks` and `delete_snapshot`. Conforming types get the argument coding for free.
public protocol CPISingleCIDArguments: CPIArguments {
    /// The parameter's name in error messages, such as `vm_cid`.
    static var cidName: String { get }
    /// The cloud id.
    var cid: String { get }
    /// Creates the arguments from the cloud id.
    init(cid: String)
}

extension CPISingleCIDArguments {
    /// Decodes `[cid]`.
    public init(arguments: [JSONValue], apiVersion: Int) throws(CPIError) {
        self.init(cid: try ArgumentReader(Self.method, arguments).string(0, Self.cidName))
    }

    /// Encodes `[cid]`.
    public func encodedArguments(apiVersion: Int) -> [JSONValue] { [.string(cid)] }
}

/// Results that are a boolean: `has_vm` and `has_disk`.
public protocol CPIBoolResultArguments: CPIArguments where Result == Bool {}

extension CPIBoolResultArguments {
    /// Decodes the boolean.
    public static func decodeResult(_ result: JSONValue, apiVersion: Int) throws(CPIError) -> Bool {
        try ResultReader(method).bool(result)
    }

    /// Encodes the boolean.
    public static func encodeResult(_ result: Bool, apiVersion: Int) throws(CPIError) -> JSONValue { .bool(result) }
}

/// Results that are a cloud id string: `create_stemcell`, `create_disk` and `snapshot_disk`.
public protocol CPICIDResultArguments: CPIArguments where Result == String {}

extension CPICIDResultArguments {
    /// Decodes the cloud id.
    public static func decodeResult(_ result: JSONValue, apiVersion: Int) throws(CPIError) -> String {
        try ResultReader(method).string(result)
    }

    /// Encodes the cloud id.
    public static func encodeResult(_ result: String, apiVersion: Int) throws(CPIError) -> JSONValue { .string(result) }
}

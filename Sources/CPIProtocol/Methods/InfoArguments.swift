/// `info`: no arguments; returns ``CPIInfo``.
public struct InfoArguments: CPIArguments, Hashable {
    /// `info`
    public static let method = CPIMethod.info

    /// Creates the (empty) arguments.
    public init() {}

    /// Accepts any arguments array; `info` takes none.
    public init(arguments: [JSONValue], apiVersion: Int) throws(CPIError) {}

    /// `[]`
    public func encodedArguments(apiVersion: Int) -> [JSONValue] { [] }

    /// Decodes the ``CPIInfo`` object.
    public static func decodeResult(_ result: JSONValue, apiVersion: Int) throws(CPIError) -> CPIInfo {
        try CPIInfo(json: result)
    }

    /// Encodes the ``CPIInfo`` object.
    public static func encodeResult(_ result: CPIInfo, apiVersion: Int) throws(CPIError) -> JSONValue { result.json }
}

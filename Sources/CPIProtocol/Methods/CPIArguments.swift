/// The typed arguments of one CPI method, together with how its result looks on the wire.
///
/// Each method has one conforming type, such as ``CreateVMArguments``. The shapes of arguments and results that
/// change between API versions (the `create_vm` and `attach_disk` results in v2, the `create_stemcell` `env`
/// argument in v3) are decided by the `apiVersion` passed in.
public protocol CPIArguments: Sendable {
    /// The method's result type.
    associatedtype Result: Sendable

    /// The method these arguments belong to.
    static var method: CPIMethod { get }

    /// Decodes the positional `arguments` array of a request.
    /// - Throws: ``CPIError/cpiError(message:okToRetry:)`` naming the missing or mistyped argument.
    init(arguments: [JSONValue], apiVersion: Int) throws(CPIError)

    /// Encodes the positional `arguments` array for a request.
    func encodedArguments(apiVersion: Int) -> [JSONValue]

    /// Decodes the response's `result`.
    /// - Throws: ``CPIError/cpiError(message:okToRetry:)`` when the result has the wrong shape.
    static func decodeResult(_ result: JSONValue, apiVersion: Int) throws(CPIError) -> Result

    /// Encodes a result for the response.
    /// - Throws: ``CPIError/cpiError(message:okToRetry:)`` when the result cannot be sent at this API version.
    static func encodeResult(_ result: Result, apiVersion: Int) throws(CPIError) -> JSONValue
}

/// Arguments of a method whose result carries nothing: the response's `result` is `null` (any value is accepted).
public protocol CPIVoidArguments: CPIArguments where Result == Void {}

extension CPIVoidArguments {
    /// Accepts any result: CPIs answer `null`, `true` or `""` for these methods.
    public static func decodeResult(_ result: JSONValue, apiVersion: Int) throws(CPIError) {}

    /// Encodes `null`.
    public static func encodeResult(_ result: Void, apiVersion: Int) throws(CPIError) -> JSONValue { .null }
}

/// A failure of the director API's setup: credentials, TLS, the listen address.
public struct DirectorAPIError: Error, Sendable, Hashable, CustomStringConvertible {
    private enum Code: Sendable, Hashable {
        case credentials
        case tls
    }

    private let code: Code
    /// What failed and why.
    public let description: String

    private init(_ code: Code, _ description: String) {
        self.code = code
        self.description = description
    }

    /// The credentials' vars store cannot be read, generated or written.
    public static func credentials(path: String, reason: String) -> DirectorAPIError {
        DirectorAPIError(.credentials, "Director credentials '\(path)': \(reason)")
    }

    /// The certificate or key cannot be loaded for TLS.
    public static func tls(_ reason: String) -> DirectorAPIError {
        DirectorAPIError(.tls, "Director TLS: \(reason)")
    }
}

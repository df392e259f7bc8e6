/// An error of the local director: what failed, in words an operator can act on (the instance, file or step
/// and the reason).
public struct DirectorError: Error, Sendable, CustomStringConvertible {
    /// The message.
    public let message: String

    /// Creates an error.
    public init(_ message: String) { self.message = message }

    /// The message.
    public var description: String { message }
}

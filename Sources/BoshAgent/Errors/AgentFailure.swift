/// A failed agent action; its message becomes the task's exception text the director shows.
public struct AgentFailure: Error, Sendable, CustomStringConvertible {
    /// What failed and why.
    public let message: String
    /// Creates a failure.
    public init(_ message: String) { self.message = message }
    /// The message.
    public var description: String { message }
}

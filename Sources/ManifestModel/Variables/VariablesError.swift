/// A variables failure: a missing or unused variable, a bad value type, a cycle, a generation error.
/// The message follows bosh-cli's where bosh-cli has one.
public struct VariablesError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The message.
    public let message: String
    init(_ message: String) { self.message = message }
    public var description: String { message }
}

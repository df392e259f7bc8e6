/// An error of the local director: what failed, in words an operator can act on (the instance, file or step
/// and the reason).
public struct DirectorError: Error, Sendable, CustomStringConvertible {
    /// The message.
    public let message: String
    /// Whether the error is another task holding a lock this one needed (the message is the director's
    /// `Failed to acquire lock for …`).
    public let isLockHeld: Bool

    /// Creates an error.
    public init(_ message: String) {
        self.message = message
        isLockHeld = false
    }

    /// An error for a lock another task holds.
    init(lockHeld message: String) {
        self.message = message
        isLockHeld = true
    }

    /// The message.
    public var description: String { message }
}

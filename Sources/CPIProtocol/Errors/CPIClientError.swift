/// A failure to get a response from a CPI executable, as opposed to the CPI answering with an error
/// (``CPIError``).
///
/// Match on ``code``: the set of codes can grow without breaking clients. Equality and hashing look at the code only.
public struct CPIClientError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case nonExecutable, launchFailed, timedOut, processFailed, invalidResponse, unsupportedAPIVersion
        }

        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// The CPI path does not name an executable file.
        public static let nonExecutable = Code(.nonExecutable)
        /// The process could not be started.
        public static let launchFailed = Code(.launchFailed)
        /// The process did not finish within the timeout and was killed.
        public static let timedOut = Code(.timedOut)
        /// The process exited with a non-zero status or a signal and did not write a valid response.
        public static let processFailed = Code(.processFailed)
        /// The process exited normally, but stdout is not a valid response (or the result has the wrong shape).
        public static let invalidResponse = Code(.invalidResponse)
        /// `info` did not report an API version this client can use.
        public static let unsupportedAPIVersion = Code(.unsupportedAPIVersion)

        /// The code's name.
        public var description: String { base.rawValue }
    }

    /// What went wrong.
    public let code: Code
    /// The method being called.
    public let method: CPIMethod
    /// The request id sent in the context.
    public let requestID: String
    /// A description of the failure.
    public let detail: String
    /// How the process ended, such as `exit status 3` or `signal 9`; `nil` when it did not run.
    public let termination: String?
    /// The end of what the process wrote to stderr.
    public let standardError: String

    /// Creates an error.
    public init(
        code: Code, method: CPIMethod, requestID: String, detail: String, termination: String? = nil,
        standardError: String = ""
    ) {
        self.code = code
        self.method = method
        self.requestID = requestID
        self.detail = detail
        self.termination = termination
        self.standardError = standardError
    }

    /// Compares codes only.
    public static func == (lhs: CPIClientError, rhs: CPIClientError) -> Bool { lhs.code == rhs.code }

    /// Hashes the code only.
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }

    /// `CPIClientError.<code>: <detail> in '<method>' CPI method (CPI request ID: '<id>')`, then how the process
    /// ended and the last lines of its stderr.
    public var description: String {
        var text = "CPIClientError.\(code): \(detail) in '\(method)' CPI method (CPI request ID: '\(requestID)')"
        if let termination { text += "; \(termination)" }
        let lines = standardError.split(separator: "\n", omittingEmptySubsequences: true).suffix(5)
        if !lines.isEmpty { text += "; stderr: " + lines.joined(separator: " | ") }
        return text
    }
}

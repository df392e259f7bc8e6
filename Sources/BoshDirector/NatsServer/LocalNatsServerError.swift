/// Why the local NATS server could not be started, reused or stopped.
public enum LocalNatsServerError: Error, Sendable, Hashable, CustomStringConvertible {
    /// No executable `nats-server` in the searched directories.
    case executableNotFound(searched: [String])
    /// The server could not listen on the port (another process has it).
    case portInUse(port: Int, logTail: String)
    /// The server exited right after starting (or never listened); the end of its log says why.
    case exitedAtStart(log: String, logTail: String)
    /// The server runs but refused the director's mutual-TLS connection (or its certificate failed the check).
    case tlsFailure(url: String, detail: String, logTail: String)
    /// The certificates could not be generated or read.
    case certificates(path: String, reason: String)
    /// A file operation failed.
    case io(path: String, reason: String)

    /// A message that says what failed, where, and what to do.
    public var description: String {
        switch self {
        case .executableNotFound(let searched):
            return "nats-server not found (searched \(searched.joined(separator: ", "))); install it with "
                + "`sudo apt-get install -y nats-server` (or run scripts/setup.sh)"
        case .portInUse(let port, let tail):
            return "nats-server cannot listen on 127.0.0.1:\(port): the port is in use" + Self.logSuffix(tail)
        case .exitedAtStart(let log, let tail):
            return "nats-server exited right after starting (log \(log))" + Self.logSuffix(tail)
        case .tlsFailure(let url, let detail, let tail):
            return "nats-server at \(url) refused the director's mutual-TLS connection: \(detail)" + Self.logSuffix(tail)
        case .certificates(let path, let reason):
            return "Cannot prepare the NATS certificates in '\(path)': \(reason)"
        case .io(let path, let reason):
            return "Local NATS server: \(path): \(reason)"
        }
    }

    private static func logSuffix(_ tail: String) -> String {
        tail.isEmpty ? "" : "\nLast lines of nats.log:\n" + tail.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n")
    }
}

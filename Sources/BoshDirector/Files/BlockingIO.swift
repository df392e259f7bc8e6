import Dispatch

/// Runs blocking file and process work on a Dispatch thread, so it never holds a thread of Swift's
/// cooperative pool (which the NATS clients and agents in the same process need to make progress).
enum BlockingIO {
    static func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(with: Result { try work() }) }
        }
    }
}

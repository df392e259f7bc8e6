import Foundation

/// Runs CPU-heavy synchronous test work on its own thread, so it does not hold one of the few threads of
/// Swift's cooperative pool that the package's networking tests need to make progress meanwhile.
public func offCooperativePool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        let thread = Thread {
            do { continuation.resume(returning: try work()) } catch { continuation.resume(throwing: error) }
        }
        thread.stackSize = 8 << 20
        thread.start()
    }
}

import Synchronization

/// The client's state behind a `Synchronization.Mutex` (a futex on Linux: one atomic exchange when
/// uncontended, cheaper than a `pthread_mutex_t` on the per-publish path).
final class StateLock<Value>: Sendable {
    private let mutex: Mutex<Value>

    init(_ value: sending Value) { mutex = Mutex(value) }

    @inline(__always)
    func withLockedValue<Result>(_ body: (inout sending Value) throws -> sending Result) rethrows -> sending Result {
        try mutex.withLock(body)
    }
}

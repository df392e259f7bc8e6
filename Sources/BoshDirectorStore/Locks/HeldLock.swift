import Foundation
import Synchronization

/// A lock this process holds: renewed in the background until released, so it never expires while its
/// holder lives; a holder that dies stops renewing it and it can be taken over once expired (on this machine
/// at once: a holder process that no longer exists is recognised).
///
/// ```swift
/// let lock = try await store.acquireLock(LockRecord.deployment("web"), taskID: "12", description: "deploy")
/// defer { Task { await lock.release() } }
/// ```
public final class HeldLock: Sendable {
    /// The lock as acquired.
    public let record: LockRecord
    private let store: DirectorStore
    private let renewal: Mutex<Task<Void, Never>?> = Mutex(nil)

    init(record: LockRecord, store: DirectorStore, expiration: Duration) {
        self.record = record
        self.store = store
        let interval = max(Duration.milliseconds(100), expiration / 4)
        let task = Task { [store, record] in
            while !Task.isCancelled {
                do { try await Task.sleep(for: interval) } catch { return }
                do {
                    if try await !store.renew(record, expiration: expiration) {
                        store.logger.warning("lost lock", metadata: ["lock": "\(record.name)", "database": "\(store.database)"])
                        return
                    }
                } catch {
                    store.logger.warning("renewing lock failed", metadata: ["lock": "\(record.name)", "error": "\(error)"])
                }
            }
        }
        renewal.withLock { $0 = task }
    }

    /// Stops renewing and deletes the lock (a lock already taken over by someone else is left to them).
    public func release() async {
        let task = renewal.withLock { task -> Task<Void, Never>? in
            defer { task = nil }
            return task
        }
        guard let task else { return }
        task.cancel()
        await task.value
        do { try await store.deleteLock(record) } catch {
            store.logger.warning("releasing lock failed", metadata: ["lock": "\(record.name)", "error": "\(error)"])
        }
    }
}

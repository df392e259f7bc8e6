import BoshJSON

/// Requests waiting for their replies, keyed by request id. A reply may arrive before its caller starts waiting
/// (it is kept until then); one that matches nothing (unknown, or after its timeout) is counted and dropped.
final class PendingReplies: Sendable {
    private struct Entry {
        var continuation: CheckedContinuation<AgentResponse, any Error>?
        var early: Result<AgentResponse, any Error>?
        var timer: Task<Void, Never>?
    }

    private struct State {
        var entries: [String: Entry] = [:]
        var unmatched = 0
        var closed: AgentError?
    }

    private let state = Locked(State())
    let limit: Int

    init(limit: Int) { self.limit = limit }

    var count: Int { state.withLock { $0.entries.count } }
    var unmatchedCount: Int { state.withLock { $0.unmatched } }

    /// Reserves a slot; fails when the table is full or closed.
    func register(_ id: String, failure: () -> AgentError) throws {
        try state.withLock { state in
            if let closed = state.closed { throw closed }
            guard state.entries.count < limit else { throw failure() }
            state.entries[id] = Entry()
        }
    }

    /// Arms the timeout of a registered slot.
    func armTimer(_ id: String, after timeout: Duration, failure: @escaping @Sendable () -> AgentError) {
        let timer = Task { [weak self] in
            guard (try? await Task.sleep(for: timeout)) != nil else { return }
            self?.complete(id, with: .failure(failure()))
        }
        let keep = state.withLock { state -> Bool in
            guard state.entries[id] != nil else { return false }
            state.entries[id]?.timer = timer
            return true
        }
        if !keep { timer.cancel() }
    }

    /// Waits for the result of a registered slot.
    func wait(_ id: String) async throws -> AgentResponse {
        try await withCheckedThrowingContinuation { continuation in
            let ready = state.withLock { state -> Result<AgentResponse, any Error>? in
                guard var entry = state.entries[id] else { return .failure(state.closed ?? CancellationError()) }
                if let early = entry.early {
                    state.entries[id] = nil
                    return early
                }
                entry.continuation = continuation
                state.entries[id] = entry
                return nil
            }
            if let ready { continuation.resume(with: ready) }
        }
    }

    /// Delivers a result; returns `false` when no request waits for `id`.
    @discardableResult
    func complete(_ id: String, with result: Result<AgentResponse, any Error>) -> Bool {
        let (found, continuation, timer) = state.withLock {
            state -> (Bool, CheckedContinuation<AgentResponse, any Error>?, Task<Void, Never>?) in
            guard var entry = state.entries[id] else {
                state.unmatched += 1
                return (false, nil, nil)
            }
            if entry.early != nil { return (true, nil, nil) }  // the first result wins
            if let continuation = entry.continuation {
                state.entries[id] = nil
                return (true, continuation, entry.timer)
            }
            entry.early = result
            state.entries[id] = entry
            return (true, nil, entry.timer)
        }
        timer?.cancel()
        continuation?.resume(with: result)
        return found
    }

    /// Fails every waiting request and refuses new ones.
    func close(with error: AgentError) {
        let entries = state.withLock { state -> [Entry] in
            state.closed = error
            defer { state.entries = [:] }
            return Array(state.entries.values)
        }
        for entry in entries {
            entry.timer?.cancel()
            entry.continuation?.resume(throwing: error)
        }
    }
}

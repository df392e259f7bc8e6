import NIOCore

/// Request / reply over the shared inbox: each request waits on its own continuation, found by the token at the
/// end of its reply subject.
extension ClientCore {
    /// Sends a request whose reply subject is `<inbox>.<token>` and waits for the reply with that token.
    ///
    /// The request is registered before it is published, so a reply cannot overtake it; a reply, timeout or
    /// cancellation that comes before the request suspends is kept in its entry and taken when it does.
    /// Timeouts share one reaper timer, rescheduled only when a request's deadline is earlier than the
    /// reaper's, so a request costs no timer system calls.
    func request(
        subject: String, payload: ByteBuffer, headers: NatsHeaders?, timeout: Duration
    ) async throws -> NatsMessage {
        let deadline = NIODeadline.now() + TimeAmount(timeout)
        let (token, needsReaper) = try state.withLockedValue { s -> (Substring, Bool) in
            if case .closed = s.phase { throw NatsError(.connectionClosed) }
            if s.inboxSid == nil {
                let sid = s.nextSid
                s.nextSid += 1
                s.inboxSid = sid
                writeControl(&s) { $0.writeSubscribe(subject: inbox + ".*", queue: nil, sid: sid) }
            }
            s.nextRequest += 1
            let token = Substring(String(s.nextRequest, radix: 36))
            s.requests[token] = PendingRequest(deadline: deadline)
            guard s.reaperDeadline.map({ deadline < $0 }) ?? true else { return (token, false) }
            s.reaperDeadline = deadline
            return (token, true)
        }
        if needsReaper { scheduleReaper(at: deadline) }
        do {
            // `<inbox>.` plus the token: one allocation (an interpolation grows its buffer twice).
            var replyTo = replyPrefix
            replyTo.append(contentsOf: token)
            try await publish(subject: subject, replyTo: replyTo, headers: headers, payload: payload)
        } catch {
            state.withLockedValue { _ = $0.requests.removeValue(forKey: token) }
            throw error
        }
        return try await withTaskCancellationHandler {
            try await withUnsafeThrowingContinuation { (continuation: UnsafeContinuation<NatsMessage, any Error>) in
                let ready = state.withLockedValue { s -> Result<NatsMessage, any Error>? in
                    // Gone: the client closed (close drops every entry and resumes the waiting ones).
                    guard let request = s.requests[token] else { return .failure(NatsError(.connectionClosed)) }
                    if let outcome = request.outcome {
                        s.requests[token] = nil
                        return outcome
                    }
                    s.requests[token]!.continuation = continuation
                    return nil
                }
                if let ready { continuation.resume(with: ready) }
            }
        } onCancel: {
            self.failRequest(token, CancellationError())
        }
    }

    /// Settles the request `token` under the state lock: returns its continuation (the entry removed) when it
    /// waits, or keeps `outcome` for when it does. The first outcome wins; unknown tokens are ignored.
    static func settleRequest(
        _ s: inout State, token: Substring, _ outcome: Result<NatsMessage, any Error>
    ) -> (UnsafeContinuation<NatsMessage, any Error>, Result<NatsMessage, any Error>)? {
        guard let index = s.requests.index(forKey: token) else { return nil }
        if let continuation = s.requests.values[index].continuation {
            s.requests.remove(at: index)
            return (continuation, outcome)
        }
        if s.requests.values[index].outcome == nil { s.requests.values[index].outcome = outcome }
        return nil
    }

    func failRequest(_ token: Substring, _ error: any Error) {
        let waiting = state.withLockedValue { Self.settleRequest(&$0, token: token, .failure(error)) }
        if let (continuation, outcome) = waiting { continuation.resume(with: outcome) }
    }

    private func scheduleReaper(at deadline: NIODeadline) {
        eventLoop.scheduleTask(deadline: deadline) { [weak self] () -> Void in self?.reapRequests(firedFor: deadline) }
    }

    /// Fails the requests whose deadline passed and schedules the reaper for the next earliest deadline.
    private func reapRequests(firedFor deadline: NIODeadline) {
        let now = NIODeadline.now()
        let timeout: Result<NatsMessage, any Error> = .failure(NatsError(.timeout, "no reply within the request timeout"))
        let (expired, next) = state.withLockedValue {
            s -> ([(UnsafeContinuation<NatsMessage, any Error>, Result<NatsMessage, any Error>)], NIODeadline?) in
            if s.reaperDeadline == deadline { s.reaperDeadline = nil }
            var expired: [(UnsafeContinuation<NatsMessage, any Error>, Result<NatsMessage, any Error>)] = []
            var earliest: NIODeadline?
            for token in Array(s.requests.keys) {
                let request = s.requests[token]!
                guard request.outcome == nil else { continue }
                if request.deadline <= now {
                    if let waiting = Self.settleRequest(&s, token: token, timeout) { expired.append(waiting) }
                } else if earliest.map({ request.deadline < $0 }) ?? true {
                    earliest = request.deadline
                }
            }
            guard let earliest, s.reaperDeadline.map({ earliest < $0 }) ?? true else { return (expired, nil) }
            s.reaperDeadline = earliest
            return (expired, earliest)
        }
        for (continuation, outcome) in expired { continuation.resume(with: outcome) }
        if let next { scheduleReaper(at: next) }
    }
}

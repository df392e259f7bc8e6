import NIOCore

/// Subscriptions, message dispatch and the shared request inbox.
extension ClientCore {
    func subscribe(subject: String, queue: String?) throws -> NatsSubscription {
        try SubjectCheck.validate(subject)
        if let queue { try SubjectCheck.validate(queue) }
        let buffer = MessageBuffer(
            maxMessages: options.subscriptionPendingMessages, maxBytes: options.subscriptionPendingBytes)
        let sid = try state.withLockedValue { s -> UInt64 in
            if case .closed = s.phase { throw NatsError(.connectionClosed) }
            let sid = s.nextSid
            s.nextSid += 1
            s.subscriptions[sid] = Subscription(subject: subject, queue: queue, buffer: buffer)
            writeControl(&s) { $0.writeSubscribe(subject: subject, queue: queue, sid: sid) }
            return sid
        }
        logger.trace("NATS subscribe", metadata: ["subject": "\(subject)", "sid": "\(sid)"])
        return NatsSubscription(subject: subject, queue: queue, sid: sid, buffer: buffer, core: self)
    }

    func unsubscribe(sid: UInt64, max: Int?) throws {
        let finished = try state.withLockedValue { s -> MessageBuffer? in
            if case .closed = s.phase { throw NatsError(.connectionClosed) }
            guard let sub = s.subscriptions[sid] else { return nil }
            if let max, max > sub.delivered {
                s.subscriptions[sid]!.max = max
                writeControl(&s) { $0.writeUnsubscribe(sid: sid, max: max) }
                return nil
            }
            s.subscriptions[sid] = nil
            writeControl(&s) { $0.writeUnsubscribe(sid: sid, max: nil) }
            return sub.buffer
        }
        finished?.finish()
    }

    /// Routes a batch of `MSG` / `HMSG` (one socket read) to subscriptions and pending requests, taking the
    /// state lock once and each subscription's buffer lock once.
    func deliver(_ chunk: MessageChunk) {
        // The common case: the whole read belongs to one subscription without a message limit. Hand the chunk
        // over as it is: its messages move into the subscription's queue without a copy (each copy of a message
        // costs several reference-count operations).
        let single = state.withLockedValue { s -> (MessageBuffer, String)? in
            chunk.withRemaining { messages -> (MessageBuffer, String)? in
                guard !messages.isEmpty else { return nil }
                let sid = messages[0].sid
                guard sid != s.inboxSid,
                    let index = s.subscriptions.index(forKey: sid), s.subscriptions.values[index].max == nil,
                    messages.allSatisfy({ $0.sid == sid })
                else { return nil }
                s.subscriptions.values[index].delivered += messages.count
                return (s.subscriptions.values[index].buffer, s.subscriptions.values[index].subject)
            }
        }
        if let (buffer, subject) = single {
            if case .dropped(let total, let report) = buffer.append(chunk), report {
                logger.warning("NATS slow consumer, dropping messages", metadata: ["subject": "\(subject)"])
                emit(.slowConsumer(subject: subject, dropped: total))
            }
            return
        }
        let messages = chunk.withRemaining { Array($0) }
        guard !messages.isEmpty else { return }
        var groups: [(buffer: MessageBuffer, subject: String, messages: [NatsMessage], last: Bool)] = []
        var replies: [(EventLoopPromise<NatsMessage>, NatsMessage)] = []
        state.withLockedValue { s in
            for message in messages {
                if message.sid == s.inboxSid {
                    guard let dot = message.subject.lastIndex(of: ".") else { continue }
                    let token = message.subject[message.subject.index(after: dot)...]
                    if let request = s.requests.removeValue(forKey: token) {
                        replies.append((request.promise, message))
                    }
                    continue
                }
                guard let index = s.subscriptions.index(forKey: message.sid) else { continue }
                let (buffer, last) = { (sub: inout Subscription) -> (MessageBuffer, Bool) in
                    sub.delivered += 1
                    return (sub.buffer, sub.max.map { sub.delivered >= $0 } ?? false)
                }(&s.subscriptions.values[index])
                if let g = groups.lastIndex(where: { $0.buffer === buffer }) {
                    groups[g].messages.append(message)
                    groups[g].last = groups[g].last || last
                } else {
                    groups.append((buffer, s.subscriptions.values[index].subject, [message], last))
                }
                if last { s.subscriptions.remove(at: index) }
            }
        }
        for (promise, message) in replies {
            if message.headers?.status == 503 {
                promise.fail(NatsError(.noResponders, "no responders on request"))
            } else {
                promise.succeed(message)
            }
        }
        if groups.count == 1, groups[0].messages.count == messages.count {
            // The common case, one subscription per read: pass the batch on without regrouping.
            groups[0].messages = messages
        }
        for group in groups {
            if case .dropped(let total, let report) = group.buffer.append(contentsOf: group.messages), report {
                logger.warning("NATS slow consumer, dropping messages", metadata: ["subject": "\(group.subject)"])
                emit(.slowConsumer(subject: group.subject, dropped: total))
            }
            if group.last { group.buffer.finish() }
        }
    }

    /// Sends a request whose reply subject is `<inbox>.<token>` and waits for the reply with that token.
    ///
    /// Timeouts share one reaper timer, rescheduled only when a request's deadline is earlier than the
    /// reaper's, so a request costs no timer system calls.
    func request(
        subject: String, payload: ByteBuffer, headers: NatsHeaders?, timeout: Duration
    ) async throws -> NatsMessage {
        let deadline = NIODeadline.now() + TimeAmount(timeout)
        let (token, promise, needsReaper) = try state.withLockedValue {
            s -> (Substring, EventLoopPromise<NatsMessage>, Bool) in
            if case .closed = s.phase { throw NatsError(.connectionClosed) }
            if s.inboxSid == nil {
                let sid = s.nextSid
                s.nextSid += 1
                s.inboxSid = sid
                writeControl(&s) { $0.writeSubscribe(subject: inbox + ".*", queue: nil, sid: sid) }
            }
            s.nextRequest += 1
            let token = Substring(String(s.nextRequest, radix: 36))
            let promise = eventLoop.makePromise(of: NatsMessage.self)
            s.requests[token] = PendingRequest(promise: promise, deadline: deadline)
            guard s.reaperDeadline.map({ deadline < $0 }) ?? true else { return (token, promise, false) }
            s.reaperDeadline = deadline
            return (token, promise, true)
        }
        if needsReaper { scheduleReaper(at: deadline) }
        do {
            try await publish(subject: subject, replyTo: "\(inbox).\(token)", headers: headers, payload: payload)
        } catch {
            failRequest(token, error)
            throw error
        }
        return try await withTaskCancellationHandler {
            try await promise.futureResult.get()
        } onCancel: {
            self.failRequest(token, CancellationError())
        }
    }

    private func scheduleReaper(at deadline: NIODeadline) {
        eventLoop.scheduleTask(deadline: deadline) { [weak self] () -> Void in self?.reapRequests(firedFor: deadline) }
    }

    /// Fails the requests whose deadline passed and schedules the reaper for the next earliest deadline.
    private func reapRequests(firedFor deadline: NIODeadline) {
        let now = NIODeadline.now()
        let (expired, next) = state.withLockedValue { s -> ([EventLoopPromise<NatsMessage>], NIODeadline?) in
            if s.reaperDeadline == deadline { s.reaperDeadline = nil }
            var expired: [EventLoopPromise<NatsMessage>] = []
            var earliest: NIODeadline?
            for (token, request) in s.requests {
                if request.deadline <= now {
                    expired.append(request.promise)
                    s.requests[token] = nil
                } else if earliest.map({ request.deadline < $0 }) ?? true {
                    earliest = request.deadline
                }
            }
            guard let earliest, s.reaperDeadline.map({ earliest < $0 }) ?? true else { return (expired, nil) }
            s.reaperDeadline = earliest
            return (expired, earliest)
        }
        for promise in expired { promise.fail(NatsError(.timeout, "no reply within the request timeout")) }
        if let next { scheduleReaper(at: next) }
    }

    func failRequest(_ token: Substring, _ error: any Error) {
        let request = state.withLockedValue { $0.requests.removeValue(forKey: token) }
        request?.promise.fail(error)
    }
}

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
    func deliver(_ messages: [NatsMessage]) {
        var groups: [(buffer: MessageBuffer, subject: String, messages: [NatsMessage], last: Bool)] = []
        var replies: [(EventLoopPromise<NatsMessage>, NatsMessage)] = []
        state.withLockedValue { s in
            for message in messages {
                if message.sid == s.inboxSid {
                    guard let dot = message.subject.lastIndex(of: ".") else { continue }
                    let token = message.subject[message.subject.index(after: dot)...]
                    if let request = s.requests.removeValue(forKey: token) {
                        request.timer?.cancel()
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
    /// The timeout timer is armed by the event loop during its next flush, so a
    /// request costs no extra loop wake-ups; while disconnected it is armed at once.
    func request(
        subject: String, payload: ByteBuffer, headers: NatsHeaders?, timeout: Duration
    ) async throws -> NatsMessage {
        let deadline = NIODeadline.now() + TimeAmount(timeout)
        let (token, promise, armNow) = try state.withLockedValue {
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
            s.requests[token] = PendingRequest(promise: promise, deadline: deadline, timer: nil)
            guard case .connected = s.phase else { return (token, promise, true) }
            s.unarmedRequests.append(token)
            return (token, promise, false)
        }
        if armNow { eventLoop.execute { self.armRequestTimers([(token, deadline)]) } }
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

    /// Takes the requests registered since the last call with their deadlines (caller holds the lock).
    func takeUnarmedRequests(_ s: inout State) -> [(Substring, NIODeadline)] {
        defer { s.unarmedRequests.removeAll(keepingCapacity: true) }
        return s.unarmedRequests.compactMap { token in s.requests[token].map { (token, $0.deadline) } }
    }

    /// Arms timeout timers for requests whose timers are not running yet (runs on the event loop).
    func armPendingRequestTimers() {
        armRequestTimers(state.withLockedValue { takeUnarmedRequests(&$0) })
    }

    func armRequestTimers(_ timeouts: [(Substring, NIODeadline)]) {
        for (token, deadline) in timeouts {
            let timer = eventLoop.scheduleTask(deadline: deadline) { [weak self] () -> Void in
                self?.failRequest(token, NatsError(.timeout, "no reply within the request timeout"))
            }
            state.withLockedValue { s in
                if s.requests[token] != nil { s.requests[token]!.timer = timer } else { timer.cancel() }
            }
        }
    }

    func failRequest(_ token: Substring, _ error: any Error) {
        let request = state.withLockedValue { $0.requests.removeValue(forKey: token) }
        request?.timer?.cancel()
        request?.promise.fail(error)
    }
}

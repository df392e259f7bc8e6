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
        // The common cases: the whole read belongs to one subscription without a message limit, or is replies
        // to requests. Hand the chunk over as it is: its messages move into the subscription's queue (or to the
        // waiting requests) without a copy (each copy of a message costs several reference-count operations).
        let route = state.withLockedValue { s -> FastRoute in
            let target = chunk.withRemaining { messages -> FastRoute in
                guard let sid = messages.first?.sid, messages.allSatisfy({ $0.sid == sid }) else { return .mixed }
                if sid == s.inboxSid { return .replies(nil, []) }
                guard let index = s.subscriptions.index(forKey: sid), s.subscriptions.values[index].max == nil
                else { return .mixed }
                s.subscriptions.values[index].delivered += messages.count
                return .subscription(s.subscriptions.values[index].buffer, s.subscriptions.values[index].subject)
            }
            guard case .replies = target else { return target }
            // The first settled request apart: a read holding one reply (the usual case) allocates no array.
            var first: (UnsafeContinuation<NatsMessage, any Error>, Result<NatsMessage, any Error>)?
            var rest: [(UnsafeContinuation<NatsMessage, any Error>, Result<NatsMessage, any Error>)] = []
            while chunk.remaining > 0 {
                guard let (token, outcome) = Self.reply(chunk.popFirst()),
                    let request = Self.settleRequest(&s, token: token, outcome)
                else { continue }
                if first == nil { first = request } else { rest.append(request) }
            }
            return .replies(first, rest)
        }
        switch route {
        case .subscription(let buffer, let subject):
            if case .dropped(let total, let report) = buffer.append(chunk), report {
                logger.warning("NATS slow consumer, dropping messages", metadata: ["subject": "\(subject)"])
                emit(.slowConsumer(subject: subject, dropped: total))
            }
            return
        case .replies(let first, let rest):
            if let (continuation, outcome) = first { continuation.resume(with: outcome) }
            for (continuation, outcome) in rest { continuation.resume(with: outcome) }
            return
        case .mixed:
            break
        }
        let messages = chunk.withRemaining { Array($0) }
        guard !messages.isEmpty else { return }
        var groups: [(buffer: MessageBuffer, subject: String, messages: [NatsMessage], last: Bool)] = []
        var replies: [(UnsafeContinuation<NatsMessage, any Error>, Result<NatsMessage, any Error>)] = []
        state.withLockedValue { s in
            for message in messages {
                if message.sid == s.inboxSid {
                    guard let (token, outcome) = Self.reply(message) else { continue }
                    if let waiting = Self.settleRequest(&s, token: token, outcome) { replies.append(waiting) }
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
        for (continuation, outcome) in replies { continuation.resume(with: outcome) }
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

    /// Where a socket read's messages go when they need no sorting.
    enum FastRoute {
        case subscription(MessageBuffer, String)
        /// The requests settled, in order: the first, then the rest.
        case replies(
            (UnsafeContinuation<NatsMessage, any Error>, Result<NatsMessage, any Error>)?,
            [(UnsafeContinuation<NatsMessage, any Error>, Result<NatsMessage, any Error>)])
        case mixed
    }

    /// The request token of a reply on the inbox (`<inbox>.<token>`) and what the request gets: the message, or
    /// ``NatsError/noResponders`` for the server's 503 status.
    static func reply(_ message: NatsMessage) -> (Substring, Result<NatsMessage, any Error>)? {
        // Searched as bytes: a search by Character would run grapheme breaking over the subject.
        guard let dot = message.subject.utf8.lastIndex(of: UInt8(ascii: ".")) else { return nil }
        let token = message.subject[message.subject.utf8.index(after: dot)...]
        if message.headers?.status == 503 {
            return (token, .failure(NatsError(.noResponders, "no responders on request")))
        }
        return (token, .success(message))
    }
}

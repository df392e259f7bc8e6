import Foundation

#if canImport(Glibc)
import Glibc
#endif

extension DirectorStore {
    /// Takes lock `name` for `taskID`, or fails at once with the director's message.
    ///
    /// Taking it is one atomic statement (insert, or take over a row whose expiry has passed). A lock whose
    /// holder process ran on this machine and is gone (killed) is taken over without waiting for its expiry.
    /// - Parameter expiration: how long the lock lives without renewal; it is renewed every quarter of that.
    /// - Throws: ``StoreError`` (``StoreError/isLockHeld``): `Failed to acquire lock for lock:deployment:web uid:
    ///   <uid>. Locking task id is 12`.
    public func acquireLock(
        _ name: String, taskID: String, description: String, expiration: Duration = .seconds(240)
    ) async throws -> HeldLock {
        let uid = UUID().uuidString.lowercased()
        let owner = Self.processOwner
        for attempt in 0..<2 {
            let expires = millis + Int64(expiration.components.seconds * 1000 + expiration.components.attoseconds / 1_000_000_000_000_000)
            let current = millis
            let taken = try await single { db in
                try await db.query(
                    """
                    INSERT INTO locks (name, uid, task_id, owner, description, expired_at) VALUES ($1, $2, $3, $4, $5, $6)
                    ON CONFLICT (name) DO UPDATE SET uid = excluded.uid, task_id = excluded.task_id, owner = excluded.owner,
                      description = excluded.description, expired_at = excluded.expired_at
                    WHERE locks.expired_at < $7
                    RETURNING uid
                    """,
                    [.text(name), .text(uid), .text(taskID), .text(owner), .text(description), .integer(expires), .integer(current)]
                ).first?.string("uid") == uid
            }
            if taken {
                let record = LockRecord(
                    name: name, uid: uid, taskID: taskID, owner: owner, description: description,
                    expiresAt: Self.date(Int(expires)) ?? now())
                return HeldLock(record: record, store: self, expiration: expiration)
            }
            let holder = try await locks().first { $0.name == name }
            if attempt == 0, let holder, Self.isDeadLocalProcess(holder.owner) {
                logger.debug("taking over the lock of a dead process", metadata: ["lock": "\(name)", "owner": "\(holder.owner)"])
                try await write { db in
                    try await db.query("DELETE FROM locks WHERE name = $1 AND uid = $2", [.text(name), .text(holder.uid)])
                }
                continue
            }
            let message = holder.map { "Locking task id is \($0.taskID)" } ?? "Lock is gone"
            throw StoreError.lockHeld(database, "Failed to acquire lock for \(name) uid: \(uid). \(message)")
        }
        throw StoreError.lockHeld(database, "Failed to acquire lock for \(name) uid: \(uid). Lock is gone")
    }

    /// Takes lock `name` for `taskID`, trying again every `interval` while another task holds it, as the
    /// director's locks wait (`lock:release:NAME` up to 5 minutes, a release deletion 10 seconds).
    /// - Throws: ``StoreError`` (``StoreError/isLockHeld``) with the director's message once `timeout` has passed.
    public func acquireLock(
        _ name: String, taskID: String, description: String, expiration: Duration = .seconds(240), waiting timeout: Duration,
        interval: Duration = .milliseconds(100)
    ) async throws -> HeldLock {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while true {
            do {
                return try await acquireLock(name, taskID: taskID, description: description, expiration: expiration)
            } catch let error as StoreError where error.isLockHeld && clock.now < deadline {
                try await clock.sleep(for: min(interval, deadline - clock.now))
            }
        }
    }

    /// Runs `body` holding the locks `names`, taken in sorted order (so two holders of overlapping sets cannot
    /// wait for each other) and released in reverse, each renewed while `body` runs. With `timeout`, a lock
    /// another task holds is waited for that long; without, it is refused at once.
    /// - Throws: ``StoreError`` (``StoreError/isLockHeld``) when a lock stays held, or what `body` throws.
    public func withLocks<T>(
        _ names: [String], taskID: String, description: String, expiration: Duration = .seconds(240),
        waiting timeout: Duration? = nil, _ body: () async throws -> T
    ) async throws -> T {
        var held: [HeldLock] = []
        do {
            for name in Set(names).sorted() {
                if let timeout {
                    held.append(try await acquireLock(
                        name, taskID: taskID, description: description, expiration: expiration, waiting: timeout))
                } else {
                    held.append(try await acquireLock(name, taskID: taskID, description: description, expiration: expiration))
                }
            }
            let value = try await body()
            for lock in held.reversed() { await lock.release() }
            return value
        } catch {
            for lock in held.reversed() { await lock.release() }
            throw error
        }
    }

    /// The locks held now (expired ones are not listed).
    public func locks() async throws -> [LockRecord] {
        let now = millis
        return try await write { db in
            try await db.query("SELECT * FROM locks WHERE expired_at >= $1 ORDER BY name", [.integer(now)]).map { row in
                LockRecord(
                    name: row.string("name") ?? "", uid: row.string("uid") ?? "", taskID: row.string("task_id") ?? "",
                    owner: row.string("owner") ?? "", description: row.string("description") ?? "",
                    expiresAt: Self.date(row.int("expired_at")) ?? Date(timeIntervalSince1970: 0))
            }
        }
    }

    /// Extends a held lock; `false` when it is no longer this holder's.
    func renew(_ lock: LockRecord, expiration: Duration) async throws -> Bool {
        let expires = millis + Int64(expiration.components.seconds * 1000 + expiration.components.attoseconds / 1_000_000_000_000_000)
        return try await single { db in
            !(try await db.query(
                "UPDATE locks SET expired_at = $1 WHERE name = $2 AND uid = $3 RETURNING uid",
                [.integer(expires), .text(lock.name), .text(lock.uid)]
            ).isEmpty)
        }
    }

    func deleteLock(_ lock: LockRecord) async throws {
        try await single { db in
            try await db.query("DELETE FROM locks WHERE name = $1 AND uid = $2", [.text(lock.name), .text(lock.uid)])
        }
    }

    /// `host:pid` of this process.
    static var processOwner: String { "\(hostName):\(getpid())" }

    static var hostName: String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "localhost" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Whether `owner` (`host:pid`) names a process of this machine that no longer exists.
    static func isDeadLocalProcess(_ owner: String) -> Bool {
        guard let colon = owner.lastIndex(of: ":"), owner[..<colon] == hostName,
            let pid = Int32(owner[owner.index(after: colon)...]), pid > 0
        else { return false }
        return kill(pid, 0) != 0 && errno == ESRCH
    }
}

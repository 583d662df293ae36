import Foundation
import GRDB
import Storage

extension SQLiteMetadataStore {
    /// Decides whether a sign-in may check its secret, and counts it as a failure until it is
    /// settled, all in one serialised write: the counts an attempt reads already hold every
    /// attempt granted before it, so a burst of any size gets no more checks than the limits.
    ///
    /// Refusals for the address are not logged (a flood would fill the log); refusals for a
    /// learner's lock are, with `checked` false.
    public func takeSignInSlot(_ request: SignInSlotRequest) async throws -> SignInSlot {
        try await pool.write { db in
            let now = request.now.millisecondsSince1970
            let limits = request.limits
            let failures = try Int64.fetchAll(db, sql: """
                SELECT at FROM signInAttempt WHERE clientAddress = ? AND succeeded = 0 AND at >= ? ORDER BY at
                """, arguments: [request.clientAddress, now - Int64(limits.window * 1_000)])
            if failures.count >= limits.failuresPerAddress, let oldest = failures.first {
                return .refused(.address, until: Date(millisecondsSince1970: oldest + Int64(limits.window * 1_000)))
            }
            var codesLeft: Int?
            if request.method == .picture, let personId = request.personId, let source = request.codeSource {
                switch try Self.countCode(personId: personId, source: source, fromOwnKiosk: request.fromOwnKiosk,
                                          limits: limits, now: request.now, db) {
                case .counted(let left):
                    codesLeft = left
                case .refused(let refusal, let until):
                    var refused = SignInAttempt(personId: personId, clientAddress: request.clientAddress, method: .picture,
                                                succeeded: false, checked: false, at: request.now)
                    try refused.insert(db)
                    return .refused(refusal, until: until)
                }
            }
            var attempt = SignInAttempt(personId: request.personId, name: request.name, clientAddress: request.clientAddress,
                                        method: request.method, succeeded: false, at: request.now)
            try attempt.insert(db)
            return .granted(SignInTicket(attemptId: attempt.id ?? 0, personId: request.personId, codeSource: request.codeSource,
                                         fromOwnKiosk: request.fromOwnKiosk, codesLeftIfWrong: codesLeft))
        }
    }

    private enum CodeCount {
        /// Counted: this many more wrong codes are allowed if this one is wrong.
        case counted(left: Int)
        case refused(SignInRefusal, until: Date)
    }

    /// Counts one more picture code for the learner from `source` (and from everywhere, unless it
    /// comes from their own kiosk), locking when a limit is reached; refuses instead when a lock
    /// already holds. Expired locks start the count again.
    private static func countCode(personId: String, source: String, fromOwnKiosk: Bool, limits: SignInGuardLimits, now: Date,
                                  _ db: Database) throws -> CodeCount {
        guard var person = try Person.fetchOne(db, key: personId) else { return .counted(left: 0) }
        let lockUntil = Date(millisecondsSince1970: now.addingTimeInterval(limits.lockout).millisecondsSince1970)
        var place = try CodeGuard.fetchOne(db, key: ["personId": personId, "source": source])
            ?? CodeGuard(personId: personId, source: source, failures: 0, lockedUntil: nil)
        if let until = place.lockedUntil {
            if until > now { return .refused(.learnerHere, until: until) }
            place.failures = 0
            place.lockedUntil = nil
        }
        if let until = person.lockedUntil, until <= now {
            person.failedCodeAttempts = 0
            person.lockedUntil = nil
        }
        if !fromOwnKiosk, let until = person.lockedUntil { return .refused(.learnerEverywhere, until: until) }
        place.failures += 1
        if place.failures >= limits.codesPerSource { place.lockedUntil = lockUntil }
        try place.save(db)
        if !fromOwnKiosk {
            person.failedCodeAttempts += 1
            if person.failedCodeAttempts >= limits.codesEverywhere { person.lockedUntil = lockUntil }
        }
        try person.update(db, columns: ["failedCodeAttempts", "lockedUntil"])
        var left = limits.codesPerSource - place.failures
        if !fromOwnKiosk { left = min(left, limits.codesEverywhere - person.failedCodeAttempts) }
        return .counted(left: max(0, left))
    }

    /// Records the outcome of a granted attempt. A right picture code clears the counts of the
    /// place it came from, and the learner-wide count.
    public func settleSignInSlot(_ ticket: SignInTicket, succeeded: Bool) async throws {
        try await pool.write { db in
            try db.execute(sql: "UPDATE signInAttempt SET succeeded = ? WHERE id = ?", arguments: [succeeded, ticket.attemptId])
            guard succeeded, let personId = ticket.personId, let source = ticket.codeSource else { return }
            _ = try CodeGuard.deleteOne(db, key: ["personId": personId, "source": source])
            try db.execute(sql: "UPDATE person SET failedCodeAttempts = 0, lockedUntil = NULL WHERE id = ?", arguments: [personId])
        }
    }

    /// When each person's picture sign-in is locked for someone at `source` (their own kiosk or
    /// not), for the people locked there now.
    public func codeLocks(personIds: [String], source: String, fromOwnKiosk: Bool, now: Date = Date()) async throws -> [String: Date] {
        guard !personIds.isEmpty else { return [:] }
        return try await pool.read { db in
            var locks: [String: Date] = [:]
            for place in try CodeGuard.filter(CodeGuard.Columns.source == source && personIds.contains(CodeGuard.Columns.personId)).fetchAll(db) {
                if let until = place.lockedUntil, until > now { locks[place.personId] = until }
            }
            if !fromOwnKiosk {
                for person in try Person.filter(keys: personIds).fetchAll(db) {
                    if let until = person.lockedUntil, until > now { locks[person.id] = max(until, locks[person.id] ?? until) }
                }
            }
            return locks
        }
    }

    /// Those of the people whose picture sign-in is locked at some kiosk or address now.
    public func lockedSomewhere(personIds: [String], now: Date = Date()) async throws -> Set<String> {
        guard !personIds.isEmpty else { return [] }
        return try await pool.read { db in
            Set(try String.fetchAll(db, sql: "SELECT DISTINCT personId FROM codeGuard WHERE lockedUntil > ? AND personId IN (SELECT value FROM json_each(?))",
                                    arguments: [now.millisecondsSince1970, String(decoding: try JSONEncoder().encode(personIds), as: UTF8.self)]))
        }
    }

    /// Lifts every lock on the learner's picture sign-in (a trainer's unlock).
    public func clearCodeLocks(personId: String) async throws {
        try await pool.write { db in
            _ = try CodeGuard.filter(CodeGuard.Columns.personId == personId).deleteAll(db)
            try db.execute(sql: "UPDATE person SET failedCodeAttempts = 0, lockedUntil = NULL WHERE id = ?", arguments: [personId])
        }
    }
}

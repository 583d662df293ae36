import Foundation
import PostgresNIO
import Storage

extension PostgresMetadataStore {
    /// Decides whether a sign-in may check its secret, and counts it as a failure until it is
    /// settled, in one transaction that holds the sign-in advisory lock: the counts an attempt
    /// reads already hold every attempt granted before it, on any node, so a burst of any size
    /// gets no more checks than the limits.
    ///
    /// Refusals for the address are not logged (a flood would fill the log); refusals for a
    /// learner's lock are, with `checked` false.
    public func takeSignInSlot(_ request: SignInSlotRequest) async throws -> SignInSlot {
        try await transaction("sign-in attempt") { transaction in
            try await transaction.lock(WriterLock.signIn)
            let now = request.now.millisecondsSince1970
            let limits = request.limits
            let windowStart = now - Int64(limits.window * 1_000)
            let failures = try await transaction.rows("""
                SELECT at FROM signInAttempt WHERE clientAddress = \(request.clientAddress) AND NOT succeeded AND at >= \(windowStart)
                ORDER BY at
                """).map { try $0["at", as: Int64.self] }
            if failures.count >= limits.failuresPerAddress, let oldest = failures.first {
                return .refused(.address, until: Date(millisecondsSince1970: oldest + Int64(limits.window * 1_000)))
            }
            var codesLeft: Int?
            if request.method == .picture, let personId = request.personId, let source = request.codeSource {
                switch try await Self.countCode(personId: personId, source: source, fromOwnKiosk: request.fromOwnKiosk,
                                                limits: limits, now: request.now, transaction) {
                case .counted(let left):
                    codesLeft = left
                case .refused(let refusal, let until):
                    let refused = SignInAttempt(personId: personId, clientAddress: request.clientAddress, method: .picture,
                                                succeeded: false, checked: false, at: request.now)
                    _ = try await Self.insert(refused, transaction)
                    return .refused(refusal, until: until)
                }
            }
            let attempt = SignInAttempt(personId: request.personId, name: request.name, clientAddress: request.clientAddress,
                                        method: request.method, succeeded: false, at: request.now)
            let id = try await Self.insert(attempt, transaction)
            return .granted(SignInTicket(attemptId: id, personId: request.personId, codeSource: request.codeSource,
                                         fromOwnKiosk: request.fromOwnKiosk, codesLeftIfWrong: codesLeft))
        }
    }

    private static func insert(_ attempt: SignInAttempt, _ transaction: Transaction) async throws -> Int64 {
        try await transaction.rows("""
            INSERT INTO signInAttempt (personId, name, clientAddress, method, succeeded, checked, at)
            VALUES (\(attempt.personId), \(attempt.name), \(attempt.clientAddress), \(attempt.method.rawValue), \(attempt.succeeded),
            \(attempt.checked), \(attempt.at.millisecondsSince1970)) RETURNING id
            """).first?["id", as: Int64.self] ?? 0
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
                                  _ transaction: Transaction) async throws -> CodeCount {
        guard let person = try await transaction.rows("SELECT failedCodeAttempts, lockedUntil FROM person WHERE id = \(personId)").first else {
            return .counted(left: 0)
        }
        var personFailures: Int = try person["failedCodeAttempts"]
        var personLock = try person.optionalDate("lockedUntil")
        let lockUntil = Date(millisecondsSince1970: now.addingTimeInterval(limits.lockout).millisecondsSince1970)
        let place = try await transaction.rows("SELECT failures, lockedUntil FROM codeGuard WHERE personId = \(personId) AND source = \(source)").first
        var placeFailures: Int = try place?["failures"] ?? 0
        var placeLock = try place?.optionalDate("lockedUntil")
        if let until = placeLock {
            if until > now { return .refused(.learnerHere, until: until) }
            placeFailures = 0
            placeLock = nil
        }
        if let until = personLock, until <= now {
            personFailures = 0
            personLock = nil
        }
        if !fromOwnKiosk, let until = personLock { return .refused(.learnerEverywhere, until: until) }
        placeFailures += 1
        if placeFailures >= limits.codesPerSource { placeLock = lockUntil }
        try await transaction.run("""
            INSERT INTO codeGuard (personId, source, failures, lockedUntil) VALUES (\(personId), \(source), \(placeFailures),
            \(placeLock?.millisecondsSince1970))
            ON CONFLICT (personId, source) DO UPDATE SET failures = excluded.failures, lockedUntil = excluded.lockedUntil
            """)
        if !fromOwnKiosk {
            personFailures += 1
            if personFailures >= limits.codesEverywhere { personLock = lockUntil }
        }
        try await transaction.run("""
            UPDATE person SET failedCodeAttempts = \(personFailures), lockedUntil = \(personLock?.millisecondsSince1970) WHERE id = \(personId)
            """)
        var left = limits.codesPerSource - placeFailures
        if !fromOwnKiosk { left = min(left, limits.codesEverywhere - personFailures) }
        return .counted(left: max(0, left))
    }

    /// Records the outcome of a granted attempt. A right picture code clears the counts of the
    /// place it came from, and the learner-wide count.
    public func settleSignInSlot(_ ticket: SignInTicket, succeeded: Bool) async throws {
        try await transaction("sign-in attempt") { transaction in
            try await transaction.lock(WriterLock.signIn)
            try await transaction.run("UPDATE signInAttempt SET succeeded = \(succeeded) WHERE id = \(ticket.attemptId)")
            guard succeeded, let personId = ticket.personId, let source = ticket.codeSource else { return }
            try await transaction.run("DELETE FROM codeGuard WHERE personId = \(personId) AND source = \(source)")
            try await transaction.run("UPDATE person SET failedCodeAttempts = 0, lockedUntil = NULL WHERE id = \(personId)")
        }
    }

    /// When each person's picture sign-in is locked for someone at `source` (their own kiosk or
    /// not), for the people locked there now.
    public func codeLocks(personIds: [String], source: String, fromOwnKiosk: Bool, now: Date) async throws -> [String: Date] {
        guard !personIds.isEmpty else { return [:] }
        var locks: [String: Date] = [:]
        for place in try await rows("""
            SELECT personId, lockedUntil FROM codeGuard WHERE source = \(source) AND personId = ANY(\(personIds))
            """) {
            if let until = try place.optionalDate("lockedUntil"), until > now { locks[try place["personId"]] = until }
        }
        if !fromOwnKiosk {
            for person in try await rows("SELECT id, lockedUntil FROM person WHERE id = ANY(\(personIds))") {
                if let until = try person.optionalDate("lockedUntil"), until > now {
                    let id: String = try person["id"]
                    locks[id] = max(until, locks[id] ?? until)
                }
            }
        }
        return locks
    }

    /// Those of the people whose picture sign-in is locked at some kiosk or address now.
    public func lockedSomewhere(personIds: [String], now: Date) async throws -> Set<String> {
        guard !personIds.isEmpty else { return [] }
        return Set(try await rows("""
            SELECT DISTINCT personId FROM codeGuard WHERE lockedUntil > \(now.millisecondsSince1970) AND personId = ANY(\(personIds))
            """).map { try $0["personId", as: String.self] })
    }

    /// Lifts every lock on the learner's picture sign-in (a trainer's unlock).
    public func clearCodeLocks(personId: String) async throws {
        try await transaction("sign-in locks") { transaction in
            try await transaction.lock(WriterLock.signIn)
            try await transaction.run("DELETE FROM codeGuard WHERE personId = \(personId)")
            try await transaction.run("UPDATE person SET failedCodeAttempts = 0, lockedUntil = NULL WHERE id = \(personId)")
        }
    }
}

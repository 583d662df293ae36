import Foundation

/// How people prove who they are: API tokens, enrolled kiosks, one-time links, and the sign-in
/// log with its guards.
///
/// Concurrency promise: ``takeSignInSlot(_:)`` decides and counts in one serialised write, so
/// however many attempts arrive at once, no more are granted than the limits allow.
public protocol CredentialStore: Sendable {
    func insert(_ token: APIToken) async throws
    /// The person a live (unrevoked) token belongs to; marks the token used.
    func personForToken(hash: String, now: Date) async throws -> Person?
    /// Every token, or one person's.
    func tokens(personId: String?) async throws -> [APIToken]
    func token(id: String) async throws -> APIToken?
    func revokeToken(id: String, at date: Date) async throws

    func insert(_ kiosk: Kiosk, groupIds: [String]) async throws
    func kiosk(tokenHash: String) async throws -> Kiosk?
    func kiosk(id: String) async throws -> Kiosk?
    func kiosks() async throws -> [Kiosk]
    func kioskGroupIds(_ kioskId: String) async throws -> [String]
    func revokeKiosk(id: String, at date: Date) async throws
    /// The groups a sign-in screen lists: a kiosk's, or those open for sign-in anywhere.
    func signInGroups(kioskId: String?) async throws -> [LearningGroup]

    /// Decides whether a sign-in may check its secret, counting it as a failure until settled.
    func takeSignInSlot(_ request: SignInSlotRequest) async throws -> SignInSlot
    func settleSignInSlot(_ ticket: SignInTicket, succeeded: Bool) async throws
    /// When each person's picture sign-in is locked for someone at `source`.
    func codeLocks(personIds: [String], source: String, fromOwnKiosk: Bool, now: Date) async throws -> [String: Date]
    /// Those of the people locked at some kiosk or address now.
    func lockedSomewhere(personIds: [String], now: Date) async throws -> Set<String>
    /// Lifts every lock on the learner's picture sign-in.
    func clearCodeLocks(personId: String) async throws
    /// The latest attempts for a person, newest first.
    func signInAttempts(personId: String, limit: Int) async throws -> [SignInAttempt]

    func insert(_ link: OneTimeLink) async throws
    /// Uses a link once: the person it signs in, or nil when unknown, used or expired.
    func consumeLink(tokenHash: String, now: Date) async throws -> Person?
}

extension CredentialStore {
    public func personForToken(hash: String) async throws -> Person? { try await personForToken(hash: hash, now: Date()) }
    public func revokeToken(id: String) async throws { try await revokeToken(id: id, at: Date()) }
    public func revokeKiosk(id: String) async throws { try await revokeKiosk(id: id, at: Date()) }
    public func codeLocks(personIds: [String], source: String, fromOwnKiosk: Bool) async throws -> [String: Date] {
        try await codeLocks(personIds: personIds, source: source, fromOwnKiosk: fromOwnKiosk, now: Date())
    }
    public func lockedSomewhere(personIds: [String]) async throws -> Set<String> { try await lockedSomewhere(personIds: personIds, now: Date()) }
    public func consumeLink(tokenHash: String) async throws -> Person? { try await consumeLink(tokenHash: tokenHash, now: Date()) }
}

import Foundation

/// Values with an expiry, by key: browser sessions. Keys are stored hashed.
public protocol SessionStore: Sendable {
    func setValue(_ value: Data, forKey key: String, expiresAt: Date?) async throws
    /// Sets the value only when the key is free (or expired); false when it is taken.
    func createValue(_ value: Data, forKey key: String, expiresAt: Date?) async throws -> Bool
    /// The value unless it expired by `now`.
    func value(forKey key: String, now: Date) async throws -> (value: Data, expiresAt: Date?)?
    func removeValue(forKey key: String) async throws
    /// Removes what expired by `now`; returns how many.
    func purgeExpiredValues(now: Date) async throws -> Int
}

extension SessionStore {
    public func value(forKey key: String) async throws -> (value: Data, expiresAt: Date?)? { try await value(forKey: key, now: Date()) }
    public func purgeExpiredValues() async throws -> Int { try await purgeExpiredValues(now: Date()) }
}

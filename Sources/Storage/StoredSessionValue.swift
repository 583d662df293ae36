import Foundation

/// A session's stored value and expiry, as read from `keyValue` (kept in memory between requests).
public struct StoredSessionValue: Sendable {
    public let value: Data
    public let expiresAt: Date?

    public init(value: Data, expiresAt: Date?) {
        self.value = value
        self.expiresAt = expiresAt
    }
}

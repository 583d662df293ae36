import Foundation

/// A session's stored value and expiry, as read from `keyValue` (kept in memory between requests).
struct StoredSessionValue: Sendable {
    let value: Data
    let expiresAt: Date?
}

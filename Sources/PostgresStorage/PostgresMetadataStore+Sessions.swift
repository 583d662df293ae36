import Foundation
import PostgresNIO
import Storage

extension PostgresMetadataStore {
    public func setValue(_ value: Data, forKey key: String, expiresAt: Date?) async throws {
        try await run("""
            INSERT INTO keyValue (key, value, expiresAt) VALUES (\(Secret.hash(key)), \(value), \(expiresAt?.millisecondsSince1970))
            ON CONFLICT (key) DO UPDATE SET value = excluded.value, expiresAt = excluded.expiresAt
            """)
    }

    /// Inserts only when the key is free: new, or its value expired; returns false when it is taken.
    public func createValue(_ value: Data, forKey key: String, expiresAt: Date?) async throws -> Bool {
        let now = Date().millisecondsSince1970, hash = Secret.hash(key)
        return try await transaction { transaction in
            try await transaction.run("DELETE FROM keyValue WHERE key = \(hash) AND expiresAt IS NOT NULL AND expiresAt <= \(now)")
            return try await !transaction.rows("""
                INSERT INTO keyValue (key, value, expiresAt) VALUES (\(hash), \(value), \(expiresAt?.millisecondsSince1970))
                ON CONFLICT (key) DO NOTHING RETURNING key
                """).isEmpty
        }
    }

    /// The value and its expiry, or nil when missing or expired. A value read lately comes from
    /// this node's memory, emptied on every node by any change to `keyValue`
    /// (``PostgresReadCaches``), so a session ended on one node is gone on all.
    public func value(forKey key: String, now: Date) async throws -> (value: Data, expiresAt: Date?)? {
        let hash = Secret.hash(key)
        var entry = caches.sessionValues.value(for: hash)
        if entry == nil {
            let generation = caches.sessionValues.generation
            entry = try await rows("SELECT value, expiresAt FROM keyValue WHERE key = \(hash)").first.map { row in
                StoredSessionValue(value: try row["value", as: Data.self], expiresAt: try row.optionalDate("expiresAt"))
            }
            if let entry { caches.sessionValues.store(entry, for: hash, readAt: generation) }
        }
        guard let entry else { return nil }
        if let expiresAt = entry.expiresAt, expiresAt.millisecondsSince1970 <= now.millisecondsSince1970 { return nil }
        return (entry.value, entry.expiresAt)
    }

    public func removeValue(forKey key: String) async throws {
        try await run("DELETE FROM keyValue WHERE key = \(Secret.hash(key))")
    }

    public func purgeExpiredValues(now: Date) async throws -> Int {
        try await rows("DELETE FROM keyValue WHERE expiresAt IS NOT NULL AND expiresAt <= \(now.millisecondsSince1970) RETURNING key").count
    }
}

import Foundation
import GRDB
import Storage

extension SQLiteMetadataStore {
    // MARK: API tokens

    public func insert(_ token: APIToken) async throws {
        try await writeChecked("token") { db in try token.insert(db) }
    }

    /// The person a live (unrevoked) token belongs to. When it was last used is noted at most once
    /// a minute: a write (and its fsync) on every scripted request would cost more than it tells.
    /// That note is bookkeeping, written off the request's path: a full disk or a database locked
    /// by another process must not delay or refuse the request the token came with.
    /// A token seen lately comes from memory (``ChangeInvalidatedCache``, emptied by any change to
    /// tokens or people, so a revocation holds at once): the read cost more than most requests.
    public func personForToken(hash: String, now: Date = Date()) async throws -> Person? {
        var found = tokenHolders.value(for: hash)
        if found == nil {
            let generation = tokenHolders.generation
            found = try await pool.read { db -> TokenHolder? in
                guard let token = try APIToken.filter(APIToken.Columns.tokenHash == hash && APIToken.Columns.revokedAt == nil).fetchOne(db) else { return nil }
                return TokenHolder(token: token, person: try Person.fetchOne(db, key: token.personId))
            }
            if let found { tokenHolders.store(found, for: hash, readAt: generation) }
        }
        guard let token = found?.token else { return nil }
        let person = found?.person
        if token.lastUsedAt.map({ now.timeIntervalSince($0) > 60 }) ?? true {
            let pool = pool
            Task {
                try? await pool.write { db in
                    _ = try APIToken.filter(key: token.id).updateAll(db, APIToken.Columns.lastUsedAt.set(to: now.millisecondsSince1970))
                }
            }
        }
        return person
    }

    public func tokens(personId: String?) async throws -> [APIToken] {
        try await pool.read { db in
            var request = APIToken.order(APIToken.Columns.createdAt.desc)
            if let personId { request = request.filter(APIToken.Columns.personId == personId) }
            return try request.fetchAll(db)
        }
    }

    public func token(id: String) async throws -> APIToken? {
        try await pool.read { db in try APIToken.fetchOne(db, key: id) }
    }

    public func revokeToken(id: String, at date: Date = Date()) async throws {
        try await pool.write { db in
            _ = try APIToken.filter(key: id).updateAll(db, APIToken.Columns.revokedAt.set(to: date.millisecondsSince1970))
        }
    }

    // MARK: kiosks

    public func insert(_ kiosk: Kiosk, groupIds: [String]) async throws {
        try await writeChecked("kiosk") { db in
            try kiosk.insert(db)
            for group in groupIds { try KioskGroup(kioskId: kiosk.id, groupId: group).insert(db) }
        }
    }

    public func kiosk(tokenHash: String) async throws -> Kiosk? {
        try await pool.read { db in try Kiosk.filter(Kiosk.Columns.tokenHash == tokenHash && Kiosk.Columns.revokedAt == nil).fetchOne(db) }
    }

    public func kiosk(id: String) async throws -> Kiosk? {
        try await pool.read { db in try Kiosk.fetchOne(db, key: id) }
    }

    public func kiosks() async throws -> [Kiosk] {
        try await pool.read { db in try Kiosk.order(Kiosk.Columns.createdAt.desc).fetchAll(db) }
    }

    public func kioskGroupIds(_ kioskId: String) async throws -> [String] {
        try await pool.read { db in try String.fetchAll(db, sql: "SELECT groupId FROM kioskGroup WHERE kioskId = ?", arguments: [kioskId]) }
    }

    public func revokeKiosk(id: String, at date: Date = Date()) async throws {
        try await pool.write { db in
            _ = try Kiosk.filter(key: id).updateAll(db, Kiosk.Columns.revokedAt.set(to: date.millisecondsSince1970))
        }
    }

    /// Groups listed on a picture sign-in screen: a kiosk's own groups, or the open ones.
    public func signInGroups(kioskId: String?) async throws -> [LearningGroup] {
        try await pool.read { db in
            if let kioskId {
                return try LearningGroup.fetchAll(db, sql: """
                    SELECT g.* FROM learningGroup g JOIN kioskGroup k ON k.groupId = g.id WHERE k.kioskId = ? ORDER BY g.name
                    """, arguments: [kioskId])
            }
            return try LearningGroup.filter(LearningGroup.Columns.openSignIn == true).order(LearningGroup.Columns.name).fetchAll(db)
        }
    }

    // MARK: sign-in attempts and lockout

    public func signInAttempts(personId: String, limit: Int) async throws -> [SignInAttempt] {
        try await pool.read { db in
            try SignInAttempt.filter(SignInAttempt.Columns.personId == personId).order(SignInAttempt.Columns.id.desc).limit(limit).fetchAll(db)
        }
    }

    // MARK: one-time links

    public func insert(_ link: OneTimeLink) async throws {
        try await writeChecked("link") { db in try link.insert(db) }
    }

    /// Uses a link once: the person it signs in, or nil when unknown, used or expired.
    public func consumeLink(tokenHash: String, now: Date = Date()) async throws -> Person? {
        try await pool.write { db in
            guard var link = try OneTimeLink.fetchOne(db, key: tokenHash), link.usedAt == nil, link.expiresAt > now else { return nil }
            link.usedAt = Date(millisecondsSince1970: now.millisecondsSince1970)
            try link.update(db)
            return try Person.fetchOne(db, key: link.personId)
        }
    }

    // MARK: key-value entries with expiry (sessions)

    public func setValue(_ value: Data, forKey key: String, expiresAt: Date?) async throws {
        try await pool.write { db in
            try db.execute(sql: "INSERT OR REPLACE INTO keyValue (key, value, expiresAt) VALUES (?, ?, ?)",
                           arguments: [Secret.hash(key), value, expiresAt?.millisecondsSince1970])
        }
    }

    /// Inserts only when the key is free: new, or its value expired; returns false when it is taken.
    public func createValue(_ value: Data, forKey key: String, expiresAt: Date?) async throws -> Bool {
        let now = Date().millisecondsSince1970
        return try await pool.write { db in
            try db.execute(sql: "DELETE FROM keyValue WHERE key = ? AND expiresAt IS NOT NULL AND expiresAt <= ?",
                           arguments: [Secret.hash(key), now])
            try db.execute(sql: "INSERT OR IGNORE INTO keyValue (key, value, expiresAt) VALUES (?, ?, ?)",
                           arguments: [Secret.hash(key), value, expiresAt?.millisecondsSince1970])
            return db.changesCount > 0
        }
    }

    /// The value and its expiry, or nil when missing or expired.
    public func value(forKey key: String, now: Date = Date()) async throws -> (value: Data, expiresAt: Date?)? {
        let hash = Secret.hash(key)
        var entry = sessionValues.value(for: hash)
        if entry == nil {
            let generation = sessionValues.generation
            entry = try await pool.read { db -> StoredSessionValue? in
                guard let row = try Row.fetchOne(db, sql: "SELECT value, expiresAt FROM keyValue WHERE key = ?", arguments: [hash]) else {
                    return nil
                }
                let expires: Int64? = row["expiresAt"]
                return StoredSessionValue(value: row["value"], expiresAt: expires.map(Date.init(millisecondsSince1970:)))
            }
            if let entry { sessionValues.store(entry, for: hash, readAt: generation) }
        }
        guard let entry else { return nil }
        if let expires = entry.expiresAt, expires.millisecondsSince1970 <= now.millisecondsSince1970 { return nil }
        return (entry.value, entry.expiresAt)
    }

    public func removeValue(forKey key: String) async throws {
        try await pool.write { db in try db.execute(sql: "DELETE FROM keyValue WHERE key = ?", arguments: [Secret.hash(key)]) }
    }

    /// Deletes expired entries; returns how many.
    public func purgeExpiredValues(now: Date = Date()) async throws -> Int {
        try await pool.write { db in
            try db.execute(sql: "DELETE FROM keyValue WHERE expiresAt IS NOT NULL AND expiresAt <= ?", arguments: [now.millisecondsSince1970])
            return db.changesCount
        }
    }
}

/// A live token and the person it signs in (nil once that person is gone).
struct TokenHolder: Sendable {
    let token: APIToken
    let person: Person?
}

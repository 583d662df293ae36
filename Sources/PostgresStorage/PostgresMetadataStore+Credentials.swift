import Foundation
import PostgresNIO
import Storage

extension PostgresMetadataStore {
    // MARK: API tokens

    public func insert(_ token: APIToken) async throws {
        try await transaction("token") { transaction in
            try await transaction.run("""
                INSERT INTO apiToken (id, personId, name, tokenHash, createdAt, lastUsedAt, revokedAt)
                VALUES (\(token.id), \(token.personId), \(token.name), \(token.tokenHash), \(token.createdAt.millisecondsSince1970),
                \(token.lastUsedAt?.millisecondsSince1970), \(token.revokedAt?.millisecondsSince1970))
                """)
        }
    }

    /// The person a live (unrevoked) token belongs to. A token seen lately comes from this node's
    /// memory, emptied on every node by any change to tokens or people (``PostgresReadCaches``),
    /// so a revocation holds everywhere at once. When it was last used is noted at most once a
    /// minute, off the request's path: bookkeeping must not delay or refuse the request.
    public func personForToken(hash: String, now: Date) async throws -> Person? {
        var holder = caches.tokenHolders.value(for: hash)
        if holder == nil {
            let generation = caches.tokenHolders.generation
            holder = try await rows("""
                SELECT t.id AS tokenId, t.lastUsedAt, \(unescaped: Person.columns) FROM apiToken t JOIN person p ON p.id = t.personId
                WHERE t.tokenHash = \(hash) AND t.revokedAt IS NULL
                """).first.map { row in
                PostgresTokenHolder(tokenId: try row["tokenId"], lastUsedAt: try row.optionalDate("lastUsedAt"), person: try Person(row: row))
            }
            if let holder { caches.tokenHolders.store(holder, for: hash, readAt: generation) }
        }
        guard let holder else { return nil }
        if holder.lastUsedAt.map({ now.timeIntervalSince($0) > 60 }) ?? true {
            Task { [self] in
                try? await run("UPDATE apiToken SET lastUsedAt = \(now.millisecondsSince1970) WHERE id = \(holder.tokenId)")
            }
        }
        return holder.person
    }

    public func tokens(personId: String?) async throws -> [APIToken] {
        var query = BoundQuery("SELECT * FROM apiToken")
        if let personId { query.append(" WHERE personId = \(query.bind(personId))") }
        query.append(" ORDER BY createdAt DESC")
        return try await rows(query).map(APIToken.init(row:))
    }

    public func token(id: String) async throws -> APIToken? {
        try await rows("SELECT * FROM apiToken WHERE id = \(id)").first.map(APIToken.init(row:))
    }

    public func revokeToken(id: String, at date: Date) async throws {
        try await run("UPDATE apiToken SET revokedAt = \(date.millisecondsSince1970) WHERE id = \(id)")
    }

    // MARK: kiosks

    public func insert(_ kiosk: Kiosk, groupIds: [String]) async throws {
        try await transaction("kiosk") { transaction in
            try await transaction.run("""
                INSERT INTO kiosk (id, name, tokenHash, enrolledBy, idleSeconds, createdAt, revokedAt)
                VALUES (\(kiosk.id), \(kiosk.name), \(kiosk.tokenHash), \(kiosk.enrolledBy), \(kiosk.idleSeconds),
                \(kiosk.createdAt.millisecondsSince1970), \(kiosk.revokedAt?.millisecondsSince1970))
                """)
            for group in groupIds {
                try await transaction.run("INSERT INTO kioskGroup (kioskId, groupId) VALUES (\(kiosk.id), \(group))")
            }
        }
    }

    public func kiosk(tokenHash: String) async throws -> Kiosk? {
        try await rows("SELECT * FROM kiosk WHERE tokenHash = \(tokenHash) AND revokedAt IS NULL").first.map(Kiosk.init(row:))
    }

    public func kiosk(id: String) async throws -> Kiosk? {
        try await rows("SELECT * FROM kiosk WHERE id = \(id)").first.map(Kiosk.init(row:))
    }

    public func kiosks() async throws -> [Kiosk] {
        try await rows("SELECT * FROM kiosk ORDER BY createdAt DESC").map(Kiosk.init(row:))
    }

    public func kioskGroupIds(_ kioskId: String) async throws -> [String] {
        try await rows("SELECT groupId FROM kioskGroup WHERE kioskId = \(kioskId)").map { try $0["groupId"] }
    }

    public func revokeKiosk(id: String, at date: Date) async throws {
        try await run("UPDATE kiosk SET revokedAt = \(date.millisecondsSince1970) WHERE id = \(id)")
    }

    /// Groups listed on a picture sign-in screen: a kiosk's own groups, or the open ones.
    public func signInGroups(kioskId: String?) async throws -> [LearningGroup] {
        if let kioskId {
            return try await rows("""
                SELECT \(unescaped: LearningGroup.columns) FROM learningGroup g JOIN kioskGroup k ON k.groupId = g.id
                WHERE k.kioskId = \(kioskId) ORDER BY g.name COLLATE "C"
                """).map(LearningGroup.init(row:))
        }
        return try await rows("SELECT \(unescaped: LearningGroup.columns) FROM learningGroup g WHERE g.openSignIn ORDER BY g.name COLLATE \"C\"")
            .map(LearningGroup.init(row:))
    }

    public func signInAttempts(personId: String, limit: Int) async throws -> [SignInAttempt] {
        try await rows("SELECT * FROM signInAttempt WHERE personId = \(personId) ORDER BY id DESC LIMIT \(limit)").map(SignInAttempt.init(row:))
    }

    // MARK: one-time links

    public func insert(_ link: OneTimeLink) async throws {
        try await transaction("link") { transaction in
            try await transaction.run("""
                INSERT INTO oneTimeLink (tokenHash, personId, expiresAt, usedAt) VALUES (\(link.tokenHash), \(link.personId),
                \(link.expiresAt.millisecondsSince1970), \(link.usedAt?.millisecondsSince1970))
                """)
        }
    }

    /// Uses a link once, in one statement: of two uses at once on any nodes, one gets the person.
    public func consumeLink(tokenHash: String, now: Date) async throws -> Person? {
        let at = now.millisecondsSince1970
        return try await transaction { transaction in
            guard let used = try await transaction.rows("""
                UPDATE oneTimeLink SET usedAt = \(at) WHERE tokenHash = \(tokenHash) AND usedAt IS NULL AND expiresAt > \(at)
                RETURNING personId
                """).first else { return nil }
            let personId: String = try used["personId"]
            return try await transaction.rows("SELECT \(unescaped: Person.columns) FROM person p WHERE p.id = \(personId)")
                .first.map(Person.init(row:))
        }
    }
}

import Foundation
import PostgresNIO
import Storage

extension PostgresMetadataStore {
    /// The SQL condition "the viewer may hear recording `r`", its values bound into `query`.
    /// Every read path (listings, metadata, media, search) goes through it.
    static func hearingCondition(_ viewer: Viewer, _ query: inout BoundQuery) -> String {
        guard let person = viewer.personId, let role = viewer.role else { return "r.visibility = 'public'" }
        if role == .admin { return "TRUE" }
        let me = query.bind(person), now = query.bind(viewer.now.millisecondsSince1970)
        let myGroups = "SELECT groupId FROM membership WHERE personId = \(me)"
        var clauses = [
            "r.visibility = 'public'",
            "r.ownerId = \(me)",
            "(r.visibility IN ('group', 'network') AND r.groupId IN (\(myGroups)))",
            """
            (r.visibility = 'network' AND r.groupId IN (SELECT n2.groupId FROM networkMember n1 \
            JOIN networkMember n2 ON n1.networkId = n2.networkId WHERE n1.groupId IN (\(myGroups))))
            """,
            """
            (r.sharedWithMentor AND r.ownerId IN (SELECT newcomerId FROM mentoringPair WHERE mentorId = \(me) \
            AND startsAt <= \(now) AND (endsAt IS NULL OR endsAt > \(now))))
            """,
        ]
        // A trainer hears everything of the learners in their groups (never of other trainers).
        if role == .trainer { clauses.append("r.ownerId IN (\(learnersTrainedBy(me)))") }
        return "(" + clauses.joined(separator: " OR ") + ")"
    }

    /// People sharing a group with `me`: whom a trainer sees in their lists.
    static func peopleSharingAGroup(_ me: String) -> String {
        "SELECT m2.personId FROM membership m1 JOIN membership m2 ON m1.groupId = m2.groupId WHERE m1.personId = \(me)"
    }

    /// The learners sharing a group with the trainer `me`: whom a trainer has power over.
    static func learnersTrainedBy(_ me: String) -> String {
        """
        SELECT m2.personId FROM membership m1 JOIN membership m2 ON m1.groupId = m2.groupId \
        JOIN person learner ON learner.id = m2.personId AND learner.role = 'learner' WHERE m1.personId = \(me)
        """
    }

    /// Recordings the viewer may hear, newest first, only those of `purpose` when given; shipped
    /// scenario audio, spoken labels and spoken names are left out.
    public func recordings(visibleTo viewer: Viewer, limit: Int, before: Int64?, purpose: RecordingPurpose?) async throws -> [Recording] {
        var query = BoundQuery()
        let condition = Self.hearingCondition(viewer, &query)
        query.append("SELECT \(Recording.columns) FROM recording r WHERE \(condition) AND r.id NOT IN (SELECT recordingId FROM shippedMedia)")
        query.append(" AND r.id NOT IN (SELECT recordingId FROM spokenLabel) AND r.purpose != 'name'")
        if let purpose { query.append(" AND r.purpose = \(query.bind(purpose.rawValue))") }
        if let before { query.append(" AND r.seq < \(query.bind(before))") }
        query.append(" ORDER BY r.seq DESC LIMIT \(query.bind(limit))")
        return try await rows(query).map(Recording.init(row:))
    }

    /// The recording if it exists and the viewer may hear it. A public one, and what a signed-in
    /// viewer was found to hear, may come from this node's memory (``PostgresReadCaches``: audio
    /// is fetched range after range, far more often than recordings change; every node empties it
    /// on any change to the tables the hearing rule reads). What a mentor hears by the clock (a
    /// pair's start and end) is never kept.
    public func recording(id: String, visibleTo viewer: Viewer) async throws -> Recording? {
        if let known = caches.publicRecordings.value(for: id) { return known }
        let viewerKey = viewer.hearingKey(recordingId: id)
        if let viewerKey, let known = caches.heardRecordings.value(for: viewerKey) { return known }
        let generation = caches.publicRecordings.generation, heardGeneration = caches.heardRecordings.generation
        var query = BoundQuery()
        let condition = Self.hearingCondition(viewer, &query)
        query.append("SELECT \(Recording.columns) FROM recording r WHERE r.id = \(query.bind(id)) AND \(condition)")
        let found = try await rows(query).first.map(Recording.init(row:))
        if let found, found.visibility == .public { caches.publicRecordings.store(found, for: id, readAt: generation) }
        if let found, let viewerKey, viewer.mayKeepHearing(found) {
            caches.heardRecordings.store(found, for: viewerKey, readAt: heardGeneration)
        }
        return found
    }

    /// True when `trainerId` is a trainer and `personId` a learner in one of their groups.
    public func isTrainer(_ trainerId: String, of personId: String) async throws -> Bool {
        var query = BoundQuery()
        let me = query.bind(trainerId), person = query.bind(personId)
        query.append("SELECT 1 FROM person t WHERE t.id = \(me) AND t.role = 'trainer' AND \(person) IN (\(Self.learnersTrainedBy(me)))")
        return try await !rows(query).isEmpty
    }

    public func insert(_ consent: Consent) async throws {
        try await transaction("consent") { try await Self.insert(consent, $0) }
    }

    static func insert(_ consent: Consent, _ transaction: Transaction) async throws {
        try await transaction.run("""
            INSERT INTO consent (id, recordingId, personId, visibility, method, consentRecordingId, givenAt)
            VALUES (\(consent.id), \(consent.recordingId), \(consent.personId), \(consent.visibility.rawValue), \(consent.method.rawValue),
            \(consent.consentRecordingId), \(consent.givenAt.millisecondsSince1970))
            """)
    }

    public func consents(recordingId: String) async throws -> [Consent] {
        try await rows("SELECT * FROM consent WHERE recordingId = \(recordingId) ORDER BY givenAt").map(Consent.init(row:))
    }

    /// The widest visibility the owner has consented to for this recording, if any.
    public func widestConsent(recordingId: String, ownerId: String) async throws -> Visibility? {
        try await consents(recordingId: recordingId).filter { $0.personId == ownerId }.map(\.visibility).max()
    }

    public func setVisibility(id: String, visibility: Visibility, sharedWithMentor: Bool) async throws -> Recording? {
        try await transaction("recording \(id)") { transaction in
            try await transaction.rows("""
                UPDATE recording r SET visibility = \(visibility.rawValue), sharedWithMentor = \(sharedWithMentor)
                WHERE r.id = \(id) RETURNING \(unescaped: Recording.columns)
                """).first.map(Recording.init(row:))
        }
    }

    /// Withdraws a recording for good: its row and consents go, a tombstone stays, and
    /// `unreferenced` deletes the audio and peaks no other row shares, once that is committed.
    public func withdraw(id: String, by personId: String?, now: Date,
                         unreferenced: @escaping @Sendable (RecordingBlob) throws -> Void) async throws -> Tombstone? {
        try await transactionReleasing("recording \(id)", lock: WriterLock.blobs, { transaction, released in
            guard let row = try await transaction.rows("DELETE FROM recording r WHERE r.id = \(id) RETURNING \(unescaped: Recording.columns)")
                .first.map(Recording.init(row:)) else { return nil }
            try await transaction.run("DELETE FROM consent WHERE recordingId = \(id)")
            let tombstone = Tombstone(recordingId: id, ownerId: row.ownerId, withdrawnAt: now, withdrawnBy: personId)
            try await transaction.run("""
                INSERT INTO tombstone (recordingId, ownerId, withdrawnAt, withdrawnBy)
                VALUES (\(id), \(tombstone.ownerId), \(tombstone.withdrawnAt.millisecondsSince1970), \(personId))
                ON CONFLICT (recordingId) DO UPDATE SET ownerId = excluded.ownerId, withdrawnAt = excluded.withdrawnAt,
                withdrawnBy = excluded.withdrawnBy
                """)
            try await Self.release(row, transaction) { released.append($0) }
            return tombstone
        }, remove: unreferenced)
    }

    public func tombstone(recordingId: String) async throws -> Tombstone? {
        try await rows("SELECT * FROM tombstone WHERE recordingId = \(recordingId)").first.map(Tombstone.init(row:))
    }
}

import Foundation
import GRDB
import Storage

extension SQLiteMetadataStore {
    /// The tables ``hearingCondition(_:)`` reads: a change to any of them may change who hears what.
    static let hearingTables = ["recording", "membership", "networkMember", "mentoringPair", "person"]

    /// The SQL condition "the viewer may hear recording `r`", with its arguments. Every read path
    /// (listings, metadata, media) goes through it.
    static func hearingCondition(_ viewer: Viewer) -> (sql: String, arguments: StatementArguments) {
        guard let person = viewer.personId, let role = viewer.role else { return ("r.visibility = 'public'", []) }
        if role == .admin { return ("1", []) }
        let myGroups = "SELECT groupId FROM membership WHERE personId = :me"
        var clauses = [
            "r.visibility = 'public'",
            "r.ownerId = :me",
            "(r.visibility IN ('group', 'network') AND r.groupId IN (\(myGroups)))",
            """
            (r.visibility = 'network' AND r.groupId IN (SELECT n2.groupId FROM networkMember n1 \
            JOIN networkMember n2 ON n1.networkId = n2.networkId WHERE n1.groupId IN (\(myGroups))))
            """,
            """
            (r.sharedWithMentor AND r.ownerId IN (SELECT newcomerId FROM mentoringPair WHERE mentorId = :me \
            AND startsAt <= :now AND (endsAt IS NULL OR endsAt > :now)))
            """,
        ]
        // A trainer hears everything of the learners in their groups (never of other trainers).
        if role == .trainer { clauses.append("r.ownerId IN (\(Self.learnersTrainedBy))") }
        return ("(" + clauses.joined(separator: " OR ") + ")", ["me": person, "now": viewer.now.millisecondsSince1970])
    }

    /// People sharing a group with `:me`: whom a trainer sees in their lists.
    static let peopleSharingAGroup = "SELECT m2.personId FROM membership m1 JOIN membership m2 ON m1.groupId = m2.groupId WHERE m1.personId = :me"

    /// The learners sharing a group with the trainer `:me`: whom a trainer has power over. Other
    /// trainers and admins in the same groups are never among them.
    static let learnersTrainedBy = """
        SELECT m2.personId FROM membership m1 JOIN membership m2 ON m1.groupId = m2.groupId \
        JOIN person learner ON learner.id = m2.personId AND learner.role = 'learner' WHERE m1.personId = :me
        """

    /// Recordings the viewer may hear, newest first, only those of `purpose` when given. The audio
    /// shipped with the scenarios, the spoken labels and spoken names are left out: they belong to
    /// their scenarios, screens and people, not to anyone's list.
    public func recordings(visibleTo viewer: Viewer, limit: Int, before: Int64?, purpose: RecordingPurpose?) async throws -> [Recording] {
        let (condition, arguments) = Self.hearingCondition(viewer)
        var sql = "SELECT r.* FROM recording r WHERE \(condition) AND r.id NOT IN (SELECT recordingId FROM shippedMedia)"
            + " AND r.id NOT IN (SELECT recordingId FROM spokenLabel) AND r.purpose != 'name'"
        var all = arguments
        if let purpose {
            sql += " AND r.purpose = :purpose"
            all += ["purpose": purpose.rawValue]
        }
        if let before {
            sql += " AND r.seq < :before"
            all += ["before": before]
        }
        sql += " ORDER BY r.seq DESC LIMIT :limit"
        all += ["limit": limit]
        return try await pool.read { [all, sql] db in try Recording.fetchAll(db, sql: sql, arguments: all) }
    }

    /// The recording if it exists and the viewer may hear it.
    /// A public one may come from memory (``ChangeInvalidatedCache``): audio is fetched far more often
    /// than recordings change.
    /// A signed-in viewer's answer may come from memory too (``heardRecordings``): a learner's own
    /// and group audio is fetched range after range.
    public func recording(id: String, visibleTo viewer: Viewer) async throws -> Recording? {
        if let known = publicRecordings.value(for: id) { return known }
        let viewerKey = viewer.hearingKey(recordingId: id)
        if let viewerKey, let known = heardRecordings.value(for: viewerKey) { return known }
        let (condition, arguments) = Self.hearingCondition(viewer)
        var all = arguments
        all += ["id": id]
        let generation = publicRecordings.generation, heardGeneration = heardRecordings.generation
        let found = try await pool.read { [all] db in
            try Recording.fetchOne(db, sql: "SELECT r.* FROM recording r WHERE r.id = :id AND \(condition)", arguments: all)
        }
        if let found, found.visibility == .public { publicRecordings.store(found, for: id, readAt: generation) }
        // Heard through a mentoring pair, the answer depends on the viewer's clock: never kept.
        if let found, let viewerKey, viewer.mayKeepHearing(found) {
            heardRecordings.store(found, for: viewerKey, readAt: heardGeneration)
        }
        return found
    }

    /// True when `trainerId` is a trainer and `personId` a learner in one of their groups.
    public func isTrainer(_ trainerId: String, of personId: String) async throws -> Bool {
        try await pool.read { db in
            try Bool.fetchOne(db, sql: """
                SELECT EXISTS(SELECT 1 FROM person t WHERE t.id = :me AND t.role = 'trainer' \
                AND :person IN (\(Self.learnersTrainedBy)))
                """, arguments: ["me": trainerId, "person": personId]) ?? false
        }
    }
}

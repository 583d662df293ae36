import Foundation
import PostgresNIO
import Storage

extension PostgresMetadataStore {
    /// The SQL condition "the viewer may see scenario `s`", its values bound into `query`: public
    /// ones for everyone; group and network ones for the members of the group and of its
    /// networks; all for admins.
    static func scenarioCondition(_ viewer: Viewer, _ query: inout BoundQuery) -> String {
        guard let person = viewer.personId, let role = viewer.role else { return "s.visibility = 'public'" }
        if role == .admin { return "TRUE" }
        let myGroups = "SELECT groupId FROM membership WHERE personId = \(query.bind(person))"
        return """
            (s.visibility = 'public' OR (s.visibility IN ('group', 'network') AND s.groupId IN (\(myGroups))) \
            OR (s.visibility = 'network' AND s.groupId IN (SELECT n2.groupId FROM networkMember n1 \
            JOIN networkMember n2 ON n1.networkId = n2.networkId WHERE n1.groupId IN (\(myGroups)))))
            """
    }

    /// The scenarios the viewer may see with their current revision, by slug.
    public func scenarios(visibleTo viewer: Viewer) async throws -> [(ScenarioRecord, ScenarioRevision)] {
        var query = BoundQuery()
        let condition = Self.scenarioCondition(viewer, &query)
        query.append("""
            SELECT s.*, v.number, v.body, v.authorId, v.message, v.createdAt AS revisionCreatedAt
            FROM scenario s JOIN scenarioRevision v ON v.slug = s.slug AND v.number = s.currentRevision
            WHERE \(condition) ORDER BY s.slug COLLATE "C"
            """)
        return try await rows(query).map { row in
            (try ScenarioRecord(row: row),
             ScenarioRevision(slug: try row["slug"], number: try row["number"], body: try row["body"], authorId: try row["authorId"],
                              message: try row["message"], createdAt: try row.date("revisionCreatedAt")))
        }
    }

    /// The scenario, if it exists and the viewer may see it (`nil` viewer: whoever asks).
    public func scenario(slug: String, visibleTo viewer: Viewer?) async throws -> ScenarioRecord? {
        var query = BoundQuery()
        let condition = viewer.map { Self.scenarioCondition($0, &query) } ?? "TRUE"
        query.append("SELECT s.* FROM scenario s WHERE s.slug = \(query.bind(slug)) AND \(condition)")
        return try await rows(query).first.map(ScenarioRecord.init(row:))
    }

    public func scenarioRevision(slug: String, number: Int) async throws -> ScenarioRevision? {
        try await rows("SELECT * FROM scenarioRevision WHERE slug = \(slug) AND number = \(number)").first.map(ScenarioRevision.init(row:))
    }

    /// Every revision of the scenario, oldest first.
    public func scenarioRevisions(slug: String) async throws -> [ScenarioRevision] {
        try await rows("SELECT * FROM scenarioRevision WHERE slug = \(slug) ORDER BY number").map(ScenarioRevision.init(row:))
    }

    /// Stores a new scenario with its first revision; `conflict` when the slug is taken.
    public func createScenario(_ record: ScenarioRecord, body: String, message: String) async throws -> ScenarioRevision {
        var record = record
        record.currentRevision = 1
        return try await transaction("scenario '\(record.slug)'") { [record] transaction in
            try await Self.insert(record, transaction)
            let revision = ScenarioRevision(slug: record.slug, number: 1, body: body, authorId: record.createdBy, message: message,
                                            createdAt: record.createdAt)
            try await revision.insert(transaction)
            return revision
        }
    }

    static func insert(_ record: ScenarioRecord, _ transaction: Transaction) async throws {
        try await transaction.run("""
            INSERT INTO scenario (slug, groupId, visibility, currentRevision, createdBy, createdAt, copiedFrom, seedFile, seedHash, seedRevision)
            VALUES (\(record.slug), \(record.groupId), \(record.visibility.rawValue), \(record.currentRevision), \(record.createdBy),
            \(record.createdAt.millisecondsSince1970), \(record.copiedFrom), \(record.seedFile), \(record.seedHash), \(record.seedRevision))
            """)
    }

    private static func update(_ record: ScenarioRecord, _ transaction: Transaction) async throws {
        try await transaction.run("""
            UPDATE scenario SET groupId = \(record.groupId), visibility = \(record.visibility.rawValue),
            currentRevision = \(record.currentRevision), createdBy = \(record.createdBy), createdAt = \(record.createdAt.millisecondsSince1970),
            copiedFrom = \(record.copiedFrom), seedFile = \(record.seedFile), seedHash = \(record.seedHash),
            seedRevision = \(record.seedRevision) WHERE slug = \(record.slug)
            """)
    }

    /// The scenario's row, locked until the transaction ends: saves of one scenario on any nodes
    /// come one after the other.
    private static func lockedRecord(_ slug: String, _ transaction: Transaction) async throws -> ScenarioRecord? {
        try await transaction.rows("SELECT * FROM scenario WHERE slug = \(slug) FOR UPDATE").first.map(ScenarioRecord.init(row:))
    }

    /// Saves the Markdown as the scenario's next revision. A pending conflict with its shipped file
    /// is cleared: the trainer has seen it.
    public func saveScenarioRevision(slug: String, body: String, authorId: String?, message: String, expectedRevision: Int?,
                                     now: Date) async throws -> ScenarioRevision {
        try await transaction("scenario '\(slug)'") { transaction in
            guard var record = try await Self.lockedRecord(slug, transaction) else {
                throw StorageError(code: .notFound, message: "no scenario '\(slug)'")
            }
            if let expectedRevision, expectedRevision != record.currentRevision {
                throw StorageError(code: .conflict, message: "scenario '\(slug)' is at revision \(record.currentRevision), not \(expectedRevision): someone saved it meanwhile")
            }
            // After every number held: revisions from a paired server may follow the current one.
            let number = try await transaction.rows("SELECT MAX(number) + 1 AS next FROM scenarioRevision WHERE slug = \(slug)")
                .first?["next", as: Int?.self] ?? record.currentRevision + 1
            let revision = ScenarioRevision(slug: slug, number: number, body: body, authorId: authorId, message: message, createdAt: now)
            try await revision.insert(transaction)
            record.currentRevision = revision.number
            try await Self.update(record, transaction)
            try await transaction.run("DELETE FROM scenarioSeedConflict WHERE slug = \(slug)")
            return revision
        }
    }

    /// Changes where the scenario belongs and who sees it.
    public func updateScenario(slug: String, groupId: String?, visibility: Visibility) async throws {
        try await transaction("scenario '\(slug)'") { transaction in
            guard try await !transaction.rows("""
                UPDATE scenario SET groupId = \(groupId), visibility = \(visibility.rawValue) WHERE slug = \(slug) RETURNING slug
                """).isEmpty else {
                throw StorageError(code: .notFound, message: "no scenario '\(slug)'")
            }
        }
    }

    /// Takes in a shipped scenario file read at start-up: a new scenario, a new revision when
    /// nobody edited it since the file was last read, or a conflict that keeps the trainers' version
    /// current and the file whole. The slug's advisory lock lets nodes starting together seed it once.
    public func applyScenarioSeed(file: String, slug: String, body: String, sha256: String, now: Date) async throws -> ScenarioSeedOutcome {
        try await transaction("scenario '\(slug)'") { transaction in
            try await transaction.lock("scenario \(slug)")
            guard var record = try await Self.lockedRecord(slug, transaction) else {
                let record = ScenarioRecord(slug: slug, groupId: nil, visibility: .public, createdBy: nil, createdAt: now,
                                            seedFile: file, seedHash: sha256, seedRevision: 1)
                try await Self.insert(record, transaction)
                try await ScenarioRevision(slug: slug, number: 1, body: body, authorId: nil, message: "from \(file)", createdAt: now)
                    .insert(transaction)
                return .created
            }
            if record.seedHash == sha256 && record.seedFile == file { return .unchanged }
            let current = try await transaction.rows("""
                SELECT body FROM scenarioRevision WHERE slug = \(slug) AND number = \(record.currentRevision)
                """).first?["body", as: String.self]
            let untouched = record.seedFile == file && record.seedRevision == record.currentRevision
            record.seedFile = file
            record.seedHash = sha256
            if current == body {
                record.seedRevision = record.currentRevision
                try await Self.update(record, transaction)
                try await transaction.run("DELETE FROM scenarioSeedConflict WHERE slug = \(slug)")
                return .unchanged
            }
            if untouched {
                let revision = ScenarioRevision(slug: slug, number: record.currentRevision + 1, body: body, authorId: nil,
                                                message: "\(file) changed on disk", createdAt: now)
                try await revision.insert(transaction)
                record.currentRevision = revision.number
                record.seedRevision = revision.number
                try await Self.update(record, transaction)
                return .updated(revision: revision.number)
            }
            try await Self.update(record, transaction)
            try await transaction.run("""
                INSERT INTO scenarioSeedConflict (slug, seedFile, fileBody, fileHash, currentRevision, detectedAt)
                VALUES (\(slug), \(file), \(body), \(sha256), \(record.currentRevision), \(now.millisecondsSince1970))
                ON CONFLICT (slug) DO UPDATE SET seedFile = excluded.seedFile, fileBody = excluded.fileBody, fileHash = excluded.fileHash,
                currentRevision = excluded.currentRevision, detectedAt = excluded.detectedAt
                """)
            return .conflict(currentRevision: record.currentRevision)
        }
    }

    /// Shipped files that changed after trainers edited their scenario, not yet settled.
    public func scenarioSeedConflicts() async throws -> [ScenarioSeedConflict] {
        try await rows("SELECT * FROM scenarioSeedConflict ORDER BY slug COLLATE \"C\"").map(ScenarioSeedConflict.init(row:))
    }

    /// Records that a learner did a step (again: the latest answer stays, always later than the
    /// one it replaces, whatever the clock says: a paired server whose clock ran ahead must take it).
    public func markScenarioStepDone(_ done: ScenarioStepDone) async throws {
        try await transaction("step '\(done.slug)/\(done.stepId)'") { transaction in
            try await transaction.run("""
                INSERT INTO scenarioStepDone (personId, slug, stepId, recordingId, doneAt)
                VALUES (\(done.personId), \(done.slug), \(done.stepId), \(done.recordingId), \(done.doneAt.millisecondsSince1970))
                ON CONFLICT (personId, slug, stepId) DO UPDATE SET recordingId = excluded.recordingId,
                doneAt = GREATEST(excluded.doneAt, scenarioStepDone.doneAt + 1)
                """)
        }
    }

    public func scenarioStepsDone(personId: String, slug: String) async throws -> [ScenarioStepDone] {
        try await rows("SELECT * FROM scenarioStepDone WHERE personId = \(personId) AND slug = \(slug)").map(ScenarioStepDone.init(row:))
    }

    /// A learner's attempts at the exercise steps of a scenario (attempts made with `step=SLUG/ID`).
    public func scenarioStepScores(personId: String, slug: String) async throws -> [ScenarioStepScore] {
        try await rows("""
            SELECT step, COUNT(*) AS attempts, MAX(score) AS best FROM attempt
            WHERE personId = \(personId) AND step COLLATE "C" >= \(slug + "/") AND step COLLATE "C" < \(slug + "0") GROUP BY step
            """).map { row in
            let step: String = try row["step"]
            return ScenarioStepScore(stepId: String(step.dropFirst(slug.count + 1)), attempts: try row["attempts"], bestScore: try row["best"])
        }
    }

    public func shippedMedia(path: String) async throws -> ShippedMedia? {
        try await rows("SELECT * FROM shippedMedia WHERE path = \(path)").first.map(ShippedMedia.init(row:))
    }

    public func saveShippedMedia(_ media: ShippedMedia) async throws {
        try await transaction("shipped media '\(media.path)'") { transaction in
            try await transaction.run("""
                INSERT INTO shippedMedia (path, sha256, text, language, recordingId, importedAt)
                VALUES (\(media.path), \(media.sha256), \(media.text), \(media.language), \(media.recordingId),
                \(media.importedAt.millisecondsSince1970))
                ON CONFLICT (path) DO UPDATE SET sha256 = excluded.sha256, text = excluded.text, language = excluded.language,
                recordingId = excluded.recordingId, importedAt = excluded.importedAt
                """)
        }
    }
}

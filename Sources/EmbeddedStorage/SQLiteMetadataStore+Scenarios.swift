import Foundation
import GRDB
import Storage

extension SQLiteMetadataStore {
    /// The SQL condition "the viewer may see scenario `s`": public ones for everyone; group and
    /// network ones for the members of the group and of its networks; all for admins.
    static func scenarioCondition(_ viewer: Viewer) -> (sql: String, arguments: StatementArguments) {
        guard let person = viewer.personId, let role = viewer.role else { return ("s.visibility = 'public'", []) }
        if role == .admin { return ("1", []) }
        let myGroups = "SELECT groupId FROM membership WHERE personId = :me"
        let sql = """
            (s.visibility = 'public' OR (s.visibility IN ('group', 'network') AND s.groupId IN (\(myGroups))) \
            OR (s.visibility = 'network' AND s.groupId IN (SELECT n2.groupId FROM networkMember n1 \
            JOIN networkMember n2 ON n1.networkId = n2.networkId WHERE n1.groupId IN (\(myGroups)))))
            """
        return (sql, ["me": person])
    }

    /// The scenarios the viewer may see with their current revision, by slug.
    public func scenarios(visibleTo viewer: Viewer) async throws -> [(ScenarioRecord, ScenarioRevision)] {
        let (condition, arguments) = Self.scenarioCondition(viewer)
        return try await pool.read { db in
            let records = try ScenarioRecord.fetchAll(db, sql: "SELECT s.* FROM scenario s WHERE \(condition) ORDER BY s.slug", arguments: arguments)
            return try records.compactMap { record in
                try ScenarioRevision.fetchOne(db, key: ["slug": record.slug, "number": record.currentRevision]).map { (record, $0) }
            }
        }
    }

    /// The scenario, if it exists and the viewer may see it (`nil` viewer: whoever asks).
    public func scenario(slug: String, visibleTo viewer: Viewer? = nil) async throws -> ScenarioRecord? {
        guard let viewer else { return try await pool.read { db in try ScenarioRecord.fetchOne(db, key: slug) } }
        let (condition, arguments) = Self.scenarioCondition(viewer)
        var all = arguments
        all += ["slug": slug]
        return try await pool.read { [all] db in
            try ScenarioRecord.fetchOne(db, sql: "SELECT s.* FROM scenario s WHERE s.slug = :slug AND \(condition)", arguments: all)
        }
    }

    public func scenarioRevision(slug: String, number: Int) async throws -> ScenarioRevision? {
        try await pool.read { db in try ScenarioRevision.fetchOne(db, key: ["slug": slug, "number": number]) }
    }

    /// Every revision of the scenario, oldest first.
    public func scenarioRevisions(slug: String) async throws -> [ScenarioRevision] {
        try await pool.read { db in
            try ScenarioRevision.filter(ScenarioRevision.Columns.slug == slug).order(ScenarioRevision.Columns.number).fetchAll(db)
        }
    }

    /// Stores a new scenario with its first revision.
    ///
    /// - Throws: `StorageError` `.conflict` when the slug is taken.
    public func createScenario(_ record: ScenarioRecord, body: String, message: String) async throws -> ScenarioRevision {
        try await writeChecked("scenario '\(record.slug)'") { db in
            var record = record
            record.currentRevision = 1
            try record.insert(db)
            let revision = ScenarioRevision(slug: record.slug, number: 1, body: body, authorId: record.createdBy, message: message,
                                            createdAt: record.createdAt)
            try revision.insert(db)
            return revision
        }
    }

    /// Saves the Markdown as the scenario's next revision. A pending conflict with its shipped file
    /// is cleared: the trainer has seen it.
    ///
    /// - Parameter expectedRevision: when given, the save fails with `.conflict` if another save
    ///   came in since that revision.
    public func saveScenarioRevision(slug: String, body: String, authorId: String?, message: String,
                                     expectedRevision: Int? = nil, now: Date = Date()) async throws -> ScenarioRevision {
        try await pool.write { db in
            guard var record = try ScenarioRecord.fetchOne(db, key: slug) else {
                throw StorageError(code: .notFound, message: "no scenario '\(slug)'")
            }
            if let expectedRevision, expectedRevision != record.currentRevision {
                throw StorageError(code: .conflict, message: "scenario '\(slug)' is at revision \(record.currentRevision), not \(expectedRevision): someone saved it meanwhile")
            }
            // After every number held: revisions from a paired server may follow the current one.
            let number = try Int.fetchOne(db, sql: "SELECT COALESCE(MAX(number), 0) + 1 FROM scenarioRevision WHERE slug = ?",
                                          arguments: [slug]) ?? record.currentRevision + 1
            let revision = ScenarioRevision(slug: slug, number: number, body: body, authorId: authorId, message: message, createdAt: now)
            try revision.insert(db)
            record.currentRevision = revision.number
            try record.update(db)
            _ = try ScenarioSeedConflict.deleteOne(db, key: slug)
            return revision
        }
    }

    /// Changes where the scenario belongs and who sees it.
    public func updateScenario(slug: String, groupId: String?, visibility: Visibility) async throws {
        try await writeChecked("scenario '\(slug)'") { db in
            guard var record = try ScenarioRecord.fetchOne(db, key: slug) else {
                throw StorageError(code: .notFound, message: "no scenario '\(slug)'")
            }
            record.groupId = groupId
            record.visibility = visibility
            try record.update(db)
        }
    }

    /// Takes in a shipped scenario file read at start-up: a new scenario, a new revision when
    /// nobody edited it since the file was last read, or a conflict that keeps the trainers' version
    /// current and the file whole.
    public func applyScenarioSeed(file: String, slug: String, body: String, sha256: String, now: Date = Date()) async throws -> ScenarioSeedOutcome {
        try await pool.write { db in
            guard var record = try ScenarioRecord.fetchOne(db, key: slug) else {
                let record = ScenarioRecord(slug: slug, groupId: nil, visibility: .public, createdBy: nil, createdAt: now,
                                            seedFile: file, seedHash: sha256, seedRevision: 1)
                try record.insert(db)
                try ScenarioRevision(slug: slug, number: 1, body: body, authorId: nil, message: "from \(file)", createdAt: now).insert(db)
                return .created
            }
            if record.seedHash == sha256 && record.seedFile == file { return .unchanged }
            let current = try ScenarioRevision.fetchOne(db, key: ["slug": slug, "number": record.currentRevision])
            let untouched = record.seedFile == file && record.seedRevision == record.currentRevision
            record.seedFile = file
            record.seedHash = sha256
            if current?.body == body {
                record.seedRevision = record.currentRevision
                try record.update(db)
                _ = try ScenarioSeedConflict.deleteOne(db, key: slug)
                return .unchanged
            }
            if untouched {
                let revision = ScenarioRevision(slug: slug, number: record.currentRevision + 1, body: body, authorId: nil,
                                                message: "\(file) changed on disk", createdAt: now)
                try revision.insert(db)
                record.currentRevision = revision.number
                record.seedRevision = revision.number
                try record.update(db)
                return .updated(revision: revision.number)
            }
            try record.update(db)
            try ScenarioSeedConflict(slug: slug, seedFile: file, fileBody: body, fileHash: sha256,
                                     currentRevision: record.currentRevision, detectedAt: now).save(db)
            return .conflict(currentRevision: record.currentRevision)
        }
    }

    /// Shipped files that changed after trainers edited their scenario, not yet settled.
    public func scenarioSeedConflicts() async throws -> [ScenarioSeedConflict] {
        try await pool.read { db in try ScenarioSeedConflict.order(ScenarioSeedConflict.Columns.slug).fetchAll(db) }
    }

    /// Records that a learner did a step (again: the latest answer stays, always later than the
    /// one it replaces, whatever the clock says: a paired server whose clock ran ahead must take it).
    public func markScenarioStepDone(_ done: ScenarioStepDone) async throws {
        try await writeChecked("step '\(done.slug)/\(done.stepId)'") { db in
            var done = done
            if let held = try ScenarioStepDone.filter(Column("personId") == done.personId && Column("slug") == done.slug
                                                      && Column("stepId") == done.stepId).fetchOne(db), done.doneAt <= held.doneAt {
                done.doneAt = Date(millisecondsSince1970: held.doneAt.millisecondsSince1970 + 1)
            }
            try done.save(db)
        }
    }

    /// The steps without attempts a learner has done in a scenario.
    public func scenarioStepsDone(personId: String, slug: String) async throws -> [ScenarioStepDone] {
        try await pool.read { db in
            try ScenarioStepDone.filter(ScenarioStepDone.Columns.personId == personId && ScenarioStepDone.Columns.slug == slug).fetchAll(db)
        }
    }

    /// A learner's attempts at the exercise steps of a scenario (attempts made with `step=SLUG/ID`).
    public func scenarioStepScores(personId: String, slug: String) async throws -> [ScenarioStepScore] {
        try await pool.read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT step, COUNT(*) AS attempts, MAX(score) AS best FROM attempt
                WHERE personId = ? AND step >= ? AND step < ? GROUP BY step
                """, arguments: [personId, slug + "/", slug + "0"])
            return rows.map { row in
                let step: String = row["step"]
                return ScenarioStepScore(stepId: String(step.dropFirst(slug.count + 1)), attempts: row["attempts"], bestScore: row["best"])
            }
        }
    }

    public func shippedMedia(path: String) async throws -> ShippedMedia? {
        try await pool.read { db in try ShippedMedia.fetchOne(db, key: path) }
    }

    /// True when a recording that is not shipped scenario audio has exactly these bytes.
    public func isStoredRecording(sha256: String) async throws -> Bool {
        try await pool.read { db in
            try Bool.fetchOne(db, sql: """
                SELECT EXISTS(SELECT 1 FROM recording WHERE sha256 = ? AND id NOT IN (SELECT recordingId FROM shippedMedia))
                """, arguments: [sha256]) ?? false
        }
    }

    public func saveShippedMedia(_ media: ShippedMedia) async throws {
        try await writeChecked("shipped media '\(media.path)'") { db in try media.save(db) }
    }
}

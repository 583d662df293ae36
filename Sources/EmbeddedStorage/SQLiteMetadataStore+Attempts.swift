import Exercises
import Foundation
import GRDB
import Storage
import Transcripts

extension SQLiteMetadataStore {
    /// Stores an attempt with its per-word marks and applies the level rule, in one write: the
    /// learner's progress on the recording (and step) is created at their first attempt, and
    /// moves up a level when `rule` says so.
    ///
    /// - Throws: `StorageError` `.conflict` when the person, recording or try does not exist.
    public func record(_ attempt: Attempt, rule: LevelRule = .standard) async throws -> RecordedAttempt {
        try await writeChecked("attempt") { db in
            try Self.insert(attempt, db)
            var progress = try Self.progress(personId: attempt.personId, recordingId: attempt.recordingId, step: attempt.step, db)
                ?? LearnerProgress(personId: attempt.personId, recordingId: attempt.recordingId, step: attempt.step)
            let previous = progress.level
            let scores = try progress.canMoveLevel(attempt) ? Int.fetchAll(db, sql: """
                SELECT score FROM attempt WHERE personId = ? AND recordingId = ? AND step = ? AND level = ?
                AND kind IN (?, ?) AND score IS NOT NULL AND createdAt >= ?
                """, arguments: [attempt.personId, attempt.recordingId, attempt.step, progress.level.rawValue,
                                 ExerciseKind.gapFill.rawValue, ExerciseKind.dictation.rawValue,
                                 progress.levelSince.millisecondsSince1970]) : nil
            progress.take(attempt, levelScores: scores, rule: rule)
            try progress.save(db)
            return RecordedAttempt(attempt: attempt, progress: progress, previousLevel: previous)
        }
    }

    /// The attempt, if it exists.
    public func attempt(id: String) async throws -> Attempt? {
        try await pool.read { db in try Attempt.fetchOne(db, key: id) }
    }

    /// The latest attempts of these people, newest first.
    public func attempts(personIds: [String], limit: Int) async throws -> [Attempt] {
        guard !personIds.isEmpty else { return [] }
        return try await pool.read { db in
            try Attempt.filter(personIds.contains(Attempt.Columns.personId))
                .order(Attempt.Columns.createdAt.desc, Attempt.Columns.id).limit(limit).fetchAll(db)
        }
    }

    /// The attempt and one row per expected word.
    static func insert(_ attempt: Attempt, _ db: Database) throws {
        try attempt.insert(db)
        let statement = try db.makeStatement(sql: "INSERT INTO attemptWord (attemptId, position, word, folded, mark) VALUES (?, ?, ?, ?, ?)")
        for mark in attempt.marks {
            guard let position = mark.word, let word = mark.expected else { continue }
            try statement.execute(arguments: [attempt.id, position, word, WordFolding.key(word), mark.mark.rawValue])
        }
    }

    static func progress(personId: String, recordingId: String, step: String, _ db: Database) throws -> LearnerProgress? {
        try LearnerProgress.fetchOne(db, key: ["personId": personId, "recordingId": recordingId, "step": step])
    }
}

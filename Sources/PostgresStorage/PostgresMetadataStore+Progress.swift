import Exercises
import Foundation
import PostgresNIO
import Storage

extension PostgresMetadataStore {
    /// Stores an attempt with its per-word marks and applies the level rule, in one transaction
    /// holding the lock of the learner's progress on that recording and step: two attempts at
    /// once, on any nodes, both count.
    ///
    /// - Throws: `StorageError` `.conflict` when the person, recording or try does not exist.
    public func record(_ attempt: Attempt, rule: LevelRule) async throws -> RecordedAttempt {
        try await transaction("attempt") { transaction in
            try await transaction.lock("progress \(attempt.personId) \(attempt.recordingId) \(attempt.step)")
            try await Self.insert(attempt, transaction)
            var progress = try await Self.progress(personId: attempt.personId, recordingId: attempt.recordingId, step: attempt.step, transaction)
                ?? LearnerProgress(personId: attempt.personId, recordingId: attempt.recordingId, step: attempt.step)
            let previous = progress.level
            let scores = try await progress.canMoveLevel(attempt) ? transaction.rows("""
                SELECT score FROM attempt WHERE personId = \(attempt.personId) AND recordingId = \(attempt.recordingId)
                AND step = \(attempt.step) AND level = \(progress.level.rawValue)
                AND kind IN (\(ExerciseKind.gapFill.rawValue), \(ExerciseKind.dictation.rawValue)) AND score IS NOT NULL
                AND createdAt >= \(progress.levelSince.millisecondsSince1970) ORDER BY seq
                """).map { try $0["score", as: Int.self] } : nil
            progress.take(attempt, levelScores: scores, rule: rule)
            try await progress.save(transaction)
            return RecordedAttempt(attempt: attempt, progress: progress, previousLevel: previous)
        }
    }

    /// Inserts the attempt with its per-word marks.
    static func insert(_ attempt: Attempt, _ transaction: Transaction) async throws {
        let encoder = JSONEncoder()
        let answer = String(decoding: try encoder.encode(attempt.answer), as: UTF8.self)
        let marks = String(decoding: try encoder.encode(attempt.marks), as: UTF8.self)
        try await transaction.run("""
            INSERT INTO attempt (id, personId, recordingId, step, language, revision, kind, segment, level, answer, marks, score,
            tryRecordingId, createdAt)
            VALUES (\(attempt.id), \(attempt.personId), \(attempt.recordingId), \(attempt.step), \(attempt.language), \(attempt.revision),
            \(attempt.kind.rawValue), \(attempt.segment), \(attempt.level.rawValue), \(answer), \(marks), \(attempt.score),
            \(attempt.tryRecordingId), \(attempt.createdAt.millisecondsSince1970))
            """)
        for mark in attempt.marks {
            guard let position = mark.word, let word = mark.expected else { continue }
            try await transaction.run("""
                INSERT INTO attemptWord (attemptId, position, word, folded, mark)
                VALUES (\(attempt.id), \(position), \(word), \(WordFolding.key(word)), \(mark.mark.rawValue))
                """)
        }
    }

    public func attempt(id: String) async throws -> Attempt? {
        try await rows("SELECT * FROM attempt WHERE id = \(id)").first.map(Attempt.init(row:))
    }

    /// The latest attempts of these people, newest first.
    public func attempts(personIds: [String], limit: Int) async throws -> [Attempt] {
        guard !personIds.isEmpty else { return [] }
        return try await rows("""
            SELECT * FROM attempt WHERE personId = ANY(\(personIds)) ORDER BY createdAt DESC, id COLLATE "C" LIMIT \(limit)
            """).map(Attempt.init(row:))
    }

    static func progress(personId: String, recordingId: String, step: String, _ transaction: Transaction) async throws -> LearnerProgress? {
        try await transaction.rows("""
            SELECT * FROM progress WHERE personId = \(personId) AND recordingId = \(recordingId) AND step = \(step)
            """).first.map(LearnerProgress.init(row:))
    }

    public func progress(personId: String, recordingId: String, step: String) async throws -> LearnerProgress? {
        try await rows("""
            SELECT * FROM progress WHERE personId = \(personId) AND recordingId = \(recordingId) AND step = \(step)
            """).first.map(LearnerProgress.init(row:))
    }

    /// Every level of these people, most recently changed first.
    public func progress(personIds: [String]) async throws -> [LearnerProgress] {
        guard !personIds.isEmpty else { return [] }
        return try await rows("SELECT * FROM progress WHERE personId = ANY(\(personIds)) ORDER BY updatedAt DESC").map(LearnerProgress.init(row:))
    }

    /// Sets a learner's level by hand (a trainer's decision): the rule counts again from now.
    public func setLevel(_ level: ExerciseLevel, personId: String, recordingId: String, step: String, by setter: String,
                         now: Date) async throws -> LearnerProgress {
        try await transaction("progress") { transaction in
            try await transaction.lock("progress \(personId) \(recordingId) \(step)")
            var progress = try await Self.progress(personId: personId, recordingId: recordingId, step: step, transaction)
                ?? LearnerProgress(personId: personId, recordingId: recordingId, step: step)
            progress.level = level
            progress.levelSince = Date(millisecondsSince1970: now.millisecondsSince1970)
            progress.setBy = setter
            progress.updatedAt = progress.levelSince
            try await progress.save(transaction)
            return progress
        }
    }

    /// Best and last score, count and time of the latest attempt, per person, recording, step,
    /// kind and level.
    public func scores(personIds: [String]) async throws -> [ProgressScore] {
        guard !personIds.isEmpty else { return [] }
        return try await rows("""
            SELECT personId, recordingId, step, kind, level, MAX(score) AS best, COUNT(*) AS attempts, MAX(createdAt) AS lastAt,
              (SELECT score FROM attempt l WHERE l.personId = a.personId AND l.recordingId = a.recordingId AND l.step = a.step
               AND l.kind = a.kind AND l.level = a.level ORDER BY l.createdAt DESC, l.seq DESC LIMIT 1) AS last
            FROM attempt a WHERE personId = ANY(\(personIds))
            GROUP BY personId, recordingId, step, kind, level ORDER BY lastAt DESC
            """).compactMap { row in
            guard let kind = ExerciseKind(rawValue: try row["kind"]), let level = ExerciseLevel(rawValue: try row["level"]) else { return nil }
            return ProgressScore(personId: try row["personId"], recordingId: try row["recordingId"], step: try row["step"], kind: kind,
                                 level: level, best: try row["best"], last: try row["last"], attempts: try row["attempts"],
                                 lastAt: try row.date("lastAt"))
        }
    }

    /// The words these people most often got wrong or left out (near misses counted apart),
    /// most missed first.
    public func missedWords(personIds: [String], limit: Int) async throws -> [MissedWord] {
        guard !personIds.isEmpty else { return [] }
        return try await rows("""
            SELECT word, language, missed, nearMisses, learners FROM (
              SELECT MAX(w.word COLLATE "C") AS word, a.language,
                COUNT(*) FILTER (WHERE w.mark IN ('wrong', 'missing')) AS missed, COUNT(*) FILTER (WHERE w.mark = 'close') AS nearMisses,
                COUNT(DISTINCT a.personId) FILTER (WHERE w.mark IN ('wrong', 'missing')) AS learners
              FROM attemptWord w JOIN attempt a ON a.id = w.attemptId
              WHERE a.personId = ANY(\(personIds))
              GROUP BY a.language, w.folded) counted
            WHERE missed > 0 ORDER BY missed DESC, learners DESC, nearMisses DESC, word COLLATE "C" LIMIT \(limit)
            """).map { row in
            MissedWord(word: try row["word"], language: try row["language"], missed: try row["missed"], close: try row["nearMisses"],
                       learners: try row["learners"])
        }
    }
}

import Exercises
import Foundation
import GRDB
import Storage
import Transcripts

extension SQLiteMetadataStore {
    /// True when `mentorId` mentors `newcomerId` in a pair active at `date`.
    public func isActiveMentor(_ mentorId: String, of newcomerId: String, at date: Date = Date()) async throws -> Bool {
        try await pool.read { db in
            try Bool.fetchOne(db, sql: """
                SELECT EXISTS(SELECT 1 FROM mentoringPair WHERE mentorId = :mentor AND newcomerId = :newcomer \
                AND startsAt <= :now AND (endsAt IS NULL OR endsAt > :now))
                """, arguments: ["mentor": mentorId, "newcomer": newcomerId, "now": date.millisecondsSince1970]) ?? false
        }
    }

    /// The learner's level on the recording (and step); nil before their first attempt or a
    /// trainer's setting.
    public func progress(personId: String, recordingId: String, step: String = "") async throws -> LearnerProgress? {
        try await pool.read { db in try Self.progress(personId: personId, recordingId: recordingId, step: step, db) }
    }

    /// Every level of these people, most recently changed first.
    public func progress(personIds: [String]) async throws -> [LearnerProgress] {
        guard !personIds.isEmpty else { return [] }
        return try await pool.read { db in
            try LearnerProgress.filter(personIds.contains(LearnerProgress.Columns.personId)).order(LearnerProgress.Columns.updatedAt.desc).fetchAll(db)
        }
    }

    /// Sets a learner's level by hand (a trainer's decision): the rule counts again from now.
    public func setLevel(_ level: ExerciseLevel, personId: String, recordingId: String, step: String = "", by setter: String,
                         now: Date = Date()) async throws -> LearnerProgress {
        try await writeChecked("progress") { db in
            var progress = try Self.progress(personId: personId, recordingId: recordingId, step: step, db)
                ?? LearnerProgress(personId: personId, recordingId: recordingId, step: step)
            progress.level = level
            progress.levelSince = Date(millisecondsSince1970: now.millisecondsSince1970)
            progress.setBy = setter
            progress.updatedAt = progress.levelSince
            try progress.save(db)
            return progress
        }
    }

    /// Best and last score, count and time of the latest attempt, per person, recording, step,
    /// kind and level.
    public func scores(personIds: [String]) async throws -> [ProgressScore] {
        guard !personIds.isEmpty else { return [] }
        let placeholders = Array(repeating: "?", count: personIds.count).joined(separator: ", ")
        return try await pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT personId, recordingId, step, kind, level, MAX(score) AS best, COUNT(*) AS attempts, MAX(createdAt) AS lastAt,
                  (SELECT score FROM attempt l WHERE l.personId = a.personId AND l.recordingId = a.recordingId AND l.step = a.step
                   AND l.kind = a.kind AND l.level = a.level ORDER BY l.createdAt DESC, l.rowid DESC LIMIT 1) AS last
                FROM attempt a WHERE personId IN (\(placeholders))
                GROUP BY personId, recordingId, step, kind, level ORDER BY lastAt DESC
                """, arguments: StatementArguments(personIds)).compactMap { row in
                guard let kind = ExerciseKind(rawValue: row["kind"]), let level = ExerciseLevel(rawValue: row["level"]) else { return nil }
                return ProgressScore(personId: row["personId"], recordingId: row["recordingId"], step: row["step"], kind: kind, level: level,
                                     best: row["best"], last: row["last"], attempts: row["attempts"],
                                     lastAt: Date(millisecondsSince1970: row["lastAt"]))
            }
        }
    }

    /// The words these people most often got wrong or left out (near misses counted apart),
    /// most missed first.
    public func missedWords(personIds: [String], limit: Int) async throws -> [MissedWord] {
        guard !personIds.isEmpty else { return [] }
        let placeholders = Array(repeating: "?", count: personIds.count).joined(separator: ", ")
        return try await pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT MAX(w.word) AS word, a.language, SUM(w.mark IN ('wrong', 'missing')) AS missed, SUM(w.mark = 'close') AS close,
                  COUNT(DISTINCT CASE WHEN w.mark IN ('wrong', 'missing') THEN a.personId END) AS learners
                FROM attemptWord w JOIN attempt a ON a.id = w.attemptId
                WHERE a.personId IN (\(placeholders))
                GROUP BY a.language, w.folded HAVING missed > 0
                ORDER BY missed DESC, learners DESC, close DESC, word LIMIT ?
                """, arguments: StatementArguments(personIds) + StatementArguments([limit])).map { row in
                MissedWord(word: row["word"], language: row["language"], missed: row["missed"], close: row["close"], learners: row["learners"])
            }
        }
    }
}

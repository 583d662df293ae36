import Exercises
import Foundation
import Storage

extension Attempt {
    init(row: RowReader) throws {
        guard let kind = ExerciseKind(rawValue: try row["kind"]), let level = ExerciseLevel(rawValue: try row["level"]) else {
            throw StorageError(code: .io, message: "attempt \(try row["id", as: String.self]) has an unknown kind or level")
        }
        let decoder = JSONDecoder()
        self.init(id: try row["id"], personId: try row["personId"], recordingId: try row["recordingId"], step: try row["step"],
                  language: try row["language"], revision: try row["revision"], kind: kind, segment: try row["segment"], level: level,
                  answer: try decoder.decode(AttemptAnswer.self, from: Data(try row["answer", as: String.self].utf8)),
                  marks: try decoder.decode([WordMark].self, from: Data(try row["marks", as: String.self].utf8)),
                  score: try row["score"], tryRecordingId: try row["tryRecordingId"], createdAt: try row.date("createdAt"))
    }
}

extension LearnerProgress {
    init(row: RowReader) throws {
        guard let level = ExerciseLevel(rawValue: try row["level"]) else {
            throw StorageError(code: .io, message: "progress of \(try row["personId", as: String.self]) has an unknown level")
        }
        self.init(personId: try row["personId"], recordingId: try row["recordingId"], step: try row["step"], level: level,
                  levelSince: try row.date("levelSince"), setBy: try row["setBy"], updatedAt: try row.date("updatedAt"))
    }

    /// Inserts or replaces the row.
    func save(_ transaction: Transaction) async throws {
        try await transaction.run("""
            INSERT INTO progress (personId, recordingId, step, level, levelSince, setBy, updatedAt)
            VALUES (\(personId), \(recordingId), \(step), \(level.rawValue), \(levelSince.millisecondsSince1970), \(setBy),
            \(updatedAt.millisecondsSince1970))
            ON CONFLICT (personId, recordingId, step) DO UPDATE SET level = excluded.level, levelSince = excluded.levelSince,
            setBy = excluded.setBy, updatedAt = excluded.updatedAt
            """)
    }
}

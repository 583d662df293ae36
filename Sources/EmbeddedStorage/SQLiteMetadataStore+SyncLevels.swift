import Exercises
import Foundation
import GRDB
import Storage

extension SQLiteMetadataStore {
    public func levelSettings(recordingIds: [String]) async throws -> [SyncLevelSetting] {
        guard !recordingIds.isEmpty else { return [] }
        return try await pool.read { db in
            let placeholders = Array(repeating: "?", count: recordingIds.count).joined(separator: ", ")
            return try Row.fetchAll(db, sql: "SELECT * FROM syncLevelSetting WHERE recordingId IN (\(placeholders)) ORDER BY setAt, id",
                                    arguments: StatementArguments(recordingIds)).compactMap(Self.levelSetting)
        }
    }

    static func levelSetting(_ row: Row) -> SyncLevelSetting? {
        guard let level = ExerciseLevel(rawValue: row["level"]) else { return nil }
        return SyncLevelSetting(id: row["id"], personId: row["personId"], recordingId: row["recordingId"], step: row["step"], level: level,
                                setBy: row["setBy"], setAt: Date(millisecondsSince1970: row["setAt"]))
    }

    /// The latest level set by hand for the learner on the recording (and step), if any.
    static func latestLevelSetting(personId: String, recordingId: String, step: String, _ db: Database) throws -> SyncLevelSetting? {
        try Row.fetchOne(db, sql: """
            SELECT * FROM syncLevelSetting WHERE recordingId = ? AND personId = ? AND step = ? ORDER BY setAt DESC, id DESC LIMIT 1
            """, arguments: [recordingId, personId, step]).flatMap(levelSetting)
    }

    /// Takes in levels set by hand elsewhere (for learners and recordings held here, of the group);
    /// returns the progress keys to replay.
    static func applyLevelSettings(_ batch: SyncBatch, beforeEachItem: () throws -> Void, _ db: Database,
                                   report: inout SyncApplyReport) throws -> Set<[String]> {
        var touched: Set<[String]> = []
        for setting in batch.levelSettings {
            try beforeEachItem()
            guard try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM syncLevelSetting WHERE id = ?", arguments: [setting.id]) == 0,
                  try String.fetchOne(db, sql: "SELECT groupId FROM recording WHERE id = ?", arguments: [setting.recordingId]) == batch.pair.groupId,
                  try Person.filter(key: setting.personId).fetchCount(db) > 0 else { report.skipped += 1; continue }
            try db.execute(sql: "INSERT INTO syncLevelSetting (id, personId, recordingId, step, level, setBy, setAt) VALUES (?, ?, ?, ?, ?, ?, ?)",
                           arguments: [setting.id, setting.personId, setting.recordingId, setting.step, setting.level.rawValue, setting.setBy,
                                       setting.setAt.millisecondsSince1970])
            touched.insert([setting.personId, setting.recordingId, setting.step])
        }
        return touched
    }
}

import Exercises
import Foundation
import PostgresNIO
import Storage

extension PostgresMetadataStore {
    public func levelSettings(recordingIds: [String]) async throws -> [SyncLevelSetting] {
        guard !recordingIds.isEmpty else { return [] }
        return try await rows("SELECT * FROM syncLevelSetting WHERE recordingId = ANY(\(recordingIds)) ORDER BY setAt, id COLLATE \"C\"")
            .compactMap(Self.levelSetting)
    }

    static func levelSetting(_ row: RowReader) throws -> SyncLevelSetting? {
        guard let level = ExerciseLevel(rawValue: try row["level"]) else { return nil }
        return SyncLevelSetting(id: try row["id"], personId: try row["personId"], recordingId: try row["recordingId"], step: try row["step"],
                                level: level, setBy: try row["setBy"], setAt: try row.date("setAt"))
    }

    /// The latest level set by hand for the learner on the recording (and step), if any.
    static func latestLevelSetting(personId: String, recordingId: String, step: String, _ transaction: Transaction) async throws -> SyncLevelSetting? {
        try await transaction.rows("""
            SELECT * FROM syncLevelSetting WHERE recordingId = \(recordingId) AND personId = \(personId) AND step = \(step)
            ORDER BY setAt DESC, id COLLATE "C" DESC LIMIT 1
            """).first.flatMap(levelSetting)
    }

    /// Takes in levels set by hand elsewhere (for learners and recordings held here, of the group);
    /// returns the progress keys to replay.
    static func applyLevelSettings(_ batch: SyncBatch, beforeEachItem: () throws -> Void, _ transaction: Transaction,
                                   report: inout SyncApplyReport) async throws -> Set<[String]> {
        var touched: Set<[String]> = []
        for setting in batch.levelSettings {
            try beforeEachItem()
            guard try await transaction.rows("SELECT 1 FROM syncLevelSetting WHERE id = \(setting.id)").isEmpty,
                  try await transaction.rows("SELECT groupId FROM recording WHERE id = \(setting.recordingId)").first?["groupId", as: String?.self]
                    == batch.pair.groupId,
                  try await isPerson(setting.personId, transaction) else { report.skipped += 1; continue }
            try await transaction.run("""
                INSERT INTO syncLevelSetting (id, personId, recordingId, step, level, setBy, setAt)
                VALUES (\(setting.id), \(setting.personId), \(setting.recordingId), \(setting.step), \(setting.level.rawValue), \(setting.setBy),
                \(setting.setAt.millisecondsSince1970))
                """)
            touched.insert([setting.personId, setting.recordingId, setting.step])
        }
        return touched
    }

    /// Levels come from attempts, never from another server's levels: every attempt of the
    /// learner on the recording (and step) is replayed through the rule, from the latest level a
    /// trainer set by hand (here or on the other side) when there is one.
    static func replayProgress(personId: String, recordingId: String, step: String, rule: LevelRule, _ transaction: Transaction) async throws {
        let attempts = try await transaction.rows("""
            SELECT * FROM attempt WHERE personId = \(personId) AND recordingId = \(recordingId) AND step = \(step)
            """).map(Attempt.init(row:))
        var start = try await latestLevelSetting(personId: personId, recordingId: recordingId, step: step, transaction)?.start
        if let setter = start?.setBy, try await !isPerson(setter, transaction) { start?.setBy = nil }  // not a person here
        if let replayed = rule.replay(attempts, from: start) { try await replayed.save(transaction) }
    }
}

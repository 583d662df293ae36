import Foundation
import GRDB
import Storage

extension SQLiteMetadataStore {
    public func stepsDone(itemIds: [String]) async throws -> [ScenarioStepDone] {
        let keys = itemIds.compactMap(Self.stepKey)
        guard !keys.isEmpty else { return [] }
        return try await pool.read { db in
            try keys.compactMap { key in
                try ScenarioStepDone.filter(Column("personId") == key[0] && Column("slug") == key[1] && Column("stepId") == key[2]).fetchOne(db)
            }
        }
    }

    public func stepsDone(answering recordingIds: [String]) async throws -> [ScenarioStepDone] {
        guard !recordingIds.isEmpty else { return [] }
        return try await pool.read { db in
            try ScenarioStepDone.filter(recordingIds.contains(Column("recordingId"))).order(Column("personId"), Column("slug"), Column("stepId"))
                .fetchAll(db)
        }
    }

    public func shippedMedia(recordingIds: [String]) async throws -> [ShippedMedia] {
        guard !recordingIds.isEmpty else { return [] }
        return try await pool.read { db in
            try ShippedMedia.filter(recordingIds.contains(Column("recordingId"))).order(Column("path")).fetchAll(db)
        }
    }

    /// `personId slug stepId` as its three parts (none holds a space).
    static func stepKey(_ itemId: String) -> [String]? {
        let parts = itemId.split(separator: " ").map(String.init)
        return parts.count == 3 ? parts : nil
    }

    /// Whether the recording is audio shipped with the scenarios (public, of no group, on every server).
    static func isShipped(_ recordingId: String, _ db: Database) throws -> Bool {
        try ShippedMedia.filter(Column("recordingId") == recordingId).fetchCount(db) > 0
    }

    /// Takes in steps done on the other side, for people and scenarios held here: a step not done
    /// here arrives; one done on both sides keeps the later answer (the same millisecond: the
    /// larger answer id), with its answer recording when that is held here.
    static func applyStepsDone(_ batch: SyncBatch, beforeEachItem: () throws -> Void, _ db: Database, report: inout SyncApplyReport) throws {
        for var done in batch.stepsDone {
            try beforeEachItem()
            guard try Person.filter(key: done.personId).fetchCount(db) > 0,
                  try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM scenario WHERE slug = ?", arguments: [done.slug]) == 1 else {
                report.skipped += 1
                continue
            }
            if let answer = done.recordingId, try Recording.filter(publicId: answer).fetchCount(db) == 0 { done.recordingId = nil }
            let held = try ScenarioStepDone.filter(Column("personId") == done.personId && Column("slug") == done.slug
                                                    && Column("stepId") == done.stepId).fetchOne(db)
            if let held {
                guard (done.doneAt, done.recordingId ?? "") > (held.doneAt, held.recordingId ?? "") else { continue }
                try done.update(db)
            } else {
                try done.insert(db)
            }
            report.stepsDone += 1
        }
    }
}

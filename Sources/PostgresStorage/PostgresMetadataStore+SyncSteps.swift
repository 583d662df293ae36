import Foundation
import PostgresNIO
import Storage

extension PostgresMetadataStore {
    public func stepsDone(itemIds: [String]) async throws -> [ScenarioStepDone] {
        var steps: [ScenarioStepDone] = []
        for itemId in itemIds {
            let parts = itemId.split(separator: " ").map(String.init)
            guard parts.count == 3 else { continue }
            steps += try await rows("""
                SELECT * FROM scenarioStepDone WHERE personId = \(parts[0]) AND slug = \(parts[1]) AND stepId = \(parts[2])
                """).map(ScenarioStepDone.init(row:))
        }
        return steps
    }

    public func stepsDone(answering recordingIds: [String]) async throws -> [ScenarioStepDone] {
        guard !recordingIds.isEmpty else { return [] }
        return try await rows("""
            SELECT * FROM scenarioStepDone WHERE recordingId = ANY(\(recordingIds))
            ORDER BY personId COLLATE "C", slug COLLATE "C", stepId COLLATE "C"
            """).map(ScenarioStepDone.init(row:))
    }

    public func shippedMedia(recordingIds: [String]) async throws -> [ShippedMedia] {
        guard !recordingIds.isEmpty else { return [] }
        return try await rows("SELECT * FROM shippedMedia WHERE recordingId = ANY(\(recordingIds)) ORDER BY path COLLATE \"C\"")
            .map(ShippedMedia.init(row:))
    }

    /// Takes in steps done on the other side, for people and scenarios held here: a step not done
    /// here arrives; one done on both sides keeps the later answer (the same millisecond: the
    /// larger answer id), with its answer recording when that is held here. One statement each, so
    /// a learner finishing the step here at the same moment is never overwritten by an older answer.
    static func applyStepsDone(_ batch: SyncBatch, beforeEachItem: () throws -> Void, _ transaction: Transaction,
                               report: inout SyncApplyReport) async throws {
        for done in batch.stepsDone {
            try beforeEachItem()
            let found = try await transaction.rows("""
                SELECT EXISTS (SELECT 1 FROM person WHERE id = \(done.personId)) AS learner,
                  EXISTS (SELECT 1 FROM scenario WHERE slug = \(done.slug)) AS scenario,
                  EXISTS (SELECT 1 FROM recording WHERE id = \(done.recordingId)) AS answerHeld
                """).first
            guard let found, try found["learner", as: Bool.self], try found["scenario", as: Bool.self] else {
                report.skipped += 1
                continue
            }
            let answer = try found["answerHeld", as: Bool.self] ? done.recordingId : nil
            let changed = try await transaction.rows("""
                INSERT INTO scenarioStepDone (personId, slug, stepId, recordingId, doneAt)
                VALUES (\(done.personId), \(done.slug), \(done.stepId), \(answer), \(done.doneAt.millisecondsSince1970))
                ON CONFLICT (personId, slug, stepId) DO UPDATE SET recordingId = excluded.recordingId, doneAt = excluded.doneAt
                WHERE (excluded.doneAt, COALESCE(excluded.recordingId, '') COLLATE "C")
                  > (scenarioStepDone.doneAt, COALESCE(scenarioStepDone.recordingId, '') COLLATE "C")
                RETURNING 1
                """)
            if !changed.isEmpty { report.stepsDone += 1 }
        }
    }
}

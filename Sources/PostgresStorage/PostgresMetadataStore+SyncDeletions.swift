import Foundation
import PostgresNIO
import Storage

extension PostgresMetadataStore {
    public func deletions(groupId: String) async throws -> [SyncDeletion] {
        try await rows("""
            SELECT * FROM syncDeletion WHERE groupId = \(groupId) ORDER BY kind COLLATE "C", recordingId COLLATE "C", language COLLATE "C"
            """).compactMap { row in
            guard let kind = SyncDeletion.Kind(rawValue: try row["kind"]) else { return nil }
            return SyncDeletion(kind: kind, recordingId: try row["recordingId"], language: try row["language"], deletedAt: try row["deletedAt"])
        }
    }

    /// True when the recording was deleted here or by a peer: nothing brings it back.
    static func isDeleted(_ recordingId: String, _ transaction: Transaction) async throws -> Bool {
        try await !transaction.rows("SELECT 1 FROM syncDeletion WHERE kind = 'recording' AND recordingId = \(recordingId)").isEmpty
    }

    /// True when the revision was saved before its transcript was last deleted.
    static func isDeleted(_ revision: SyncTranscriptRevision, _ transaction: Transaction) async throws -> Bool {
        try await !transaction.rows("""
            SELECT 1 FROM syncDeletion WHERE kind = 'transcript' AND recordingId = \(revision.recordingId)
            AND language = \(revision.transcript.language) AND deletedAt >= \(revision.createdAt.millisecondsSince1970)
            """).isEmpty
    }

    /// Applies the other side's deletions of the group's recordings and transcripts: a recording
    /// goes with everything about it (its files when no row shares them); a transcript loses its
    /// revisions saved until the deletion (one saved later stays, and becomes current).
    static func applyDeletions(_ batch: SyncBatch, beforeEachItem: () throws -> Void, _ transaction: Transaction,
                               report: inout SyncApplyReport, released: (RecordingBlob) throws -> Void) async throws {
        let groupId = batch.pair.groupId
        for deletion in batch.deletions {
            try beforeEachItem()
            let held = try await transaction.rows("SELECT groupId FROM recording WHERE id = \(deletion.recordingId)").first
            guard try held == nil || held?["groupId", as: String?.self] == groupId else { report.skipped += 1; continue }
            switch deletion.kind {
            case .recording:
                if let row = try await transaction.rows("""
                    DELETE FROM recording r WHERE r.id = \(deletion.recordingId) RETURNING \(unescaped: Recording.columns)
                    """).first.map(Recording.init(row:)) {
                    try await transaction.run("DELETE FROM consent WHERE recordingId = \(deletion.recordingId)")
                    try await release(row, transaction, released)
                    report.deleted += 1
                }
                try await transaction.run("""
                    INSERT INTO syncDeletion (kind, recordingId, language, groupId, deletedAt)
                    VALUES ('recording', \(deletion.recordingId), '', \(groupId), \(deletion.deletedAt)) ON CONFLICT DO NOTHING
                    """)
            case .transcript:
                let before: Int64? = try await transaction.rows("""
                    SELECT deletedAt FROM syncDeletion WHERE kind = 'transcript' AND recordingId = \(deletion.recordingId)
                    AND language = \(deletion.language)
                    """).first?["deletedAt"]
                if let transcriptId: Int64 = try await transaction.rows("""
                    SELECT id FROM transcript WHERE recordingId = \(deletion.recordingId) AND language = \(deletion.language)
                    """).first?["id"] {
                    try await transaction.run("DELETE FROM transcriptRevision WHERE transcriptId = \(transcriptId) AND createdAt <= \(deletion.deletedAt)")
                    if try await transaction.rows("SELECT 1 FROM transcriptRevision WHERE transcriptId = \(transcriptId) LIMIT 1").isEmpty {
                        try await transaction.run("DELETE FROM transcript WHERE id = \(transcriptId)")
                        report.deleted += 1
                    } else {
                        _ = try await settleCurrent(transcriptId: transcriptId, transaction)
                    }
                }
                // The latest deletion, as the other side keeps it (a deletion here just now noted its own time).
                let latest = max(before ?? .min, deletion.deletedAt)
                try await transaction.run("""
                    INSERT INTO syncDeletion (kind, recordingId, language, groupId, deletedAt)
                    VALUES ('transcript', \(deletion.recordingId), \(deletion.language), \(groupId), \(latest))
                    ON CONFLICT (kind, recordingId, language) DO UPDATE SET deletedAt = excluded.deletedAt
                    """)
            }
        }
    }
}

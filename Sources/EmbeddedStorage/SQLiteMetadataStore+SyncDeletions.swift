import Foundation
import GRDB
import Storage

extension SQLiteMetadataStore {
    public func deletions(groupId: String) async throws -> [SyncDeletion] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM syncDeletion WHERE groupId = ? ORDER BY kind, recordingId, language", arguments: [groupId])
                .compactMap { row in
                    SyncDeletion.Kind(rawValue: row["kind"]).map {
                        SyncDeletion(kind: $0, recordingId: row["recordingId"], language: row["language"], deletedAt: row["deletedAt"])
                    }
                }
        }
    }

    /// True when the recording was deleted here or by a peer: nothing brings it back.
    static func isDeleted(_ recordingId: String, _ db: Database) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT EXISTS(SELECT 1 FROM syncDeletion WHERE kind = 'recording' AND recordingId = ?)",
                          arguments: [recordingId]) ?? false
    }

    /// True when the revision was saved before its transcript was last deleted.
    static func isDeleted(_ revision: SyncTranscriptRevision, _ db: Database) throws -> Bool {
        try Bool.fetchOne(db, sql: """
            SELECT EXISTS(SELECT 1 FROM syncDeletion WHERE kind = 'transcript' AND recordingId = ? AND language = ? AND deletedAt >= ?)
            """, arguments: [revision.recordingId, revision.transcript.language, revision.createdAt.millisecondsSince1970]) ?? false
    }

    /// Applies the other side's deletions of the group's recordings and transcripts: a recording
    /// goes with everything about it (its files when no row shares them); a transcript loses its
    /// revisions saved until the deletion (one saved later stays, and becomes current).
    static func applyDeletions(_ batch: SyncBatch, beforeEachItem: () throws -> Void, _ db: Database, report: inout SyncApplyReport,
                               released: (RecordingBlob) throws -> Void) throws {
        let groupId = batch.pair.groupId
        for deletion in batch.deletions {
            try beforeEachItem()
            let group = try String.fetchOne(db, sql: "SELECT groupId FROM recording WHERE id = ?", arguments: [deletion.recordingId])
            let held = try Bool.fetchOne(db, sql: "SELECT EXISTS(SELECT 1 FROM recording WHERE id = ?)", arguments: [deletion.recordingId]) ?? false
            guard !held || group == groupId else { report.skipped += 1; continue }
            switch deletion.kind {
            case .recording:
                if let row = try Recording.filter(publicId: deletion.recordingId).fetchOne(db) {
                    try Recording.filter(publicId: deletion.recordingId).deleteAll(db)
                    try Consent.filter(Consent.Columns.recordingId == deletion.recordingId).deleteAll(db)
                    try release(row, db, released)
                    report.deleted += 1
                }
                try db.execute(sql: """
                    INSERT OR IGNORE INTO syncDeletion (kind, recordingId, language, groupId, deletedAt) VALUES ('recording', ?, '', ?, ?)
                    """, arguments: [deletion.recordingId, groupId, deletion.deletedAt])
            case .transcript:
                let before = try Int64.fetchOne(db, sql: """
                    SELECT deletedAt FROM syncDeletion WHERE kind = 'transcript' AND recordingId = ? AND language = ?
                    """, arguments: [deletion.recordingId, deletion.language])
                if let transcriptId = try Int64.fetchOne(db, sql: "SELECT id FROM transcript WHERE recordingId = ? AND language = ?",
                                                         arguments: [deletion.recordingId, deletion.language]) {
                    try db.execute(sql: "DELETE FROM transcriptRevision WHERE transcriptId = ? AND createdAt <= ?",
                                   arguments: [transcriptId, deletion.deletedAt])
                    if try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM transcriptRevision WHERE transcriptId = ?", arguments: [transcriptId]) == 0 {
                        try db.execute(sql: "DELETE FROM transcript WHERE id = ?", arguments: [transcriptId])
                        report.deleted += 1
                    } else {
                        _ = try settleCurrent(transcriptId: transcriptId, db)
                    }
                }
                // The latest deletion, as the other side keeps it (a deletion here just now noted its own time).
                let latest = max(before ?? .min, deletion.deletedAt)
                try db.execute(sql: """
                    INSERT INTO syncDeletion (kind, recordingId, language, groupId, deletedAt) VALUES ('transcript', ?, ?, ?, ?)
                    ON CONFLICT (kind, recordingId, language) DO UPDATE SET deletedAt = excluded.deletedAt
                    """, arguments: [deletion.recordingId, deletion.language, groupId, latest])
            }
        }
    }
}

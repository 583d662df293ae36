import GRDB

extension SQLiteMetadataStore {
    /// Migration "v17 sync of deletions" (shipped migrations never change: add a new one).
    static func deletionSyncTables(_ db: Database) throws {
        // Recordings and transcripts deleted (not withdrawn), here or by a peer: the deletion
        // travels and a stale copy arriving later does not bring them back. A transcript's
        // deletion keeps the latest time (its revisions saved until then are gone).
        try db.create(table: "syncDeletion", options: .withoutRowID) { table in
            table.column("kind", .text).notNull()
            table.column("recordingId", .text).notNull()
            table.column("language", .text).notNull()
            table.column("groupId", .text)
            table.column("deletedAt", .integer).notNull()
            table.primaryKey(["kind", "recordingId", "language"])
        }
        let now = "CAST(ROUND((julianday('now') - 2440587.5) * 86400000) AS INTEGER)"
        try db.execute(sql: """
            CREATE TRIGGER syncNoteRecordingDeleted AFTER DELETE ON recording BEGIN
              INSERT OR IGNORE INTO syncDeletion (kind, recordingId, language, groupId, deletedAt)
                VALUES ('recording', OLD.id, '', OLD.groupId, \(now)); END;
            -- Not when its recording went (a recording's deletion covers its transcripts).
            CREATE TRIGGER syncNoteTranscriptDeleted AFTER DELETE ON transcript
              WHEN EXISTS (SELECT 1 FROM recording WHERE id = OLD.recordingId) BEGIN
              INSERT INTO syncDeletion (kind, recordingId, language, groupId, deletedAt)
                VALUES ('transcript', OLD.recordingId, OLD.language, (SELECT groupId FROM recording WHERE id = OLD.recordingId), \(now))
                ON CONFLICT (kind, recordingId, language) DO UPDATE SET deletedAt = MAX(deletedAt, excluded.deletedAt); END;
            CREATE TRIGGER syncLogDeletion AFTER INSERT ON syncDeletion BEGIN
              INSERT INTO syncChange (kind, itemId) VALUES ('deletion', NEW.kind || ' ' || NEW.recordingId || ' ' || NEW.language); END;
            CREATE TRIGGER syncLogDeletionAgain AFTER UPDATE OF deletedAt ON syncDeletion WHEN NEW.deletedAt IS NOT OLD.deletedAt BEGIN
              INSERT INTO syncChange (kind, itemId) VALUES ('deletion', NEW.kind || ' ' || NEW.recordingId || ' ' || NEW.language); END;
            """)
    }
}

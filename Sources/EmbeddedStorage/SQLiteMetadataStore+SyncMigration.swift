import GRDB

extension SQLiteMetadataStore {
    /// Migration "v13 sync between servers" (shipped migrations never change: add a new one).
    static func syncTables(_ db: Database) throws {
        // This server's id, made once: bundles name their sender by it.
        try db.create(table: "syncSelf") { table in table.primaryKey("id", .text) }
        try db.execute(sql: "INSERT INTO syncSelf (id) VALUES (lower(hex(randomblob(16))))")
        // A group paired with another server: the shared key and how far each side's changes went.
        try db.create(table: "syncPair") { table in
            table.primaryKey("groupId", .text)
            table.column("key", .blob).notNull()
            table.column("peerServerId", .text)
            table.column("sentUpTo", .integer).notNull().defaults(to: 0)
            table.column("peerReceivedUpTo", .integer).notNull().defaults(to: 0)
            table.column("receivedUpTo", .integer).notNull().defaults(to: 0)
            table.column("lastExchangeAt", .integer)
            table.column("pairedAt", .integer).notNull()
        }
        // Every change to what travels, in commit order, written by the triggers below whichever
        // code made it; `origin` names the peer a change arrived from (never sent back there).
        try db.create(table: "syncChange") { table in
            table.autoIncrementedPrimaryKey("seq")
            table.column("kind", .text).notNull()
            table.column("itemId", .text).notNull()
            table.column("origin", .text)
        }
        try db.create(index: "syncChange_origin_kind", on: "syncChange", columns: ["origin", "kind", "itemId"])
        // When a recording's sharing last changed: between two sides' settings the later wins.
        try db.alter(table: "recording") { table in
            table.add(column: "sharingChangedAt", .integer).notNull().defaults(to: 0)
        }
        // A revision's id on every server and the revisions it was made from (space-separated):
        // revisions merge by id, and two heads are a conflict.
        try db.alter(table: "transcriptRevision") { table in
            table.add(column: "syncId", .text)
            table.add(column: "parents", .text).notNull().defaults(to: "")
        }
        try db.execute(sql: """
            UPDATE transcriptRevision SET syncId = lower(hex(randomblob(12)));
            UPDATE transcriptRevision SET parents = COALESCE((SELECT p.syncId FROM transcriptRevision p
              WHERE p.transcriptId = transcriptRevision.transcriptId AND p.revision = transcriptRevision.revision - 1), '');
            CREATE UNIQUE INDEX transcriptRevision_syncId ON transcriptRevision (syncId);
            INSERT INTO syncChange (kind, itemId) SELECT 'group', id FROM learningGroup;
            INSERT INTO syncChange (kind, itemId) SELECT 'person', id FROM person;
            INSERT INTO syncChange (kind, itemId) SELECT 'membership', groupId || ' ' || personId FROM membership;
            INSERT INTO syncChange (kind, itemId) SELECT 'recording', id FROM recording;
            INSERT INTO syncChange (kind, itemId) SELECT 'consent', recordingId FROM consent;
            INSERT INTO syncChange (kind, itemId) SELECT 'tombstone', recordingId FROM tombstone;
            INSERT INTO syncChange (kind, itemId) SELECT 'transcriptRevision', CAST(id AS TEXT) FROM transcriptRevision;
            INSERT INTO syncChange (kind, itemId) SELECT 'attempt', id FROM attempt;
            INSERT INTO syncChange (kind, itemId) SELECT 'mentoringPair', id FROM mentoringPair;

            CREATE TRIGGER syncLogGroup AFTER INSERT ON learningGroup BEGIN
              INSERT INTO syncChange (kind, itemId) VALUES ('group', NEW.id); END;
            CREATE TRIGGER syncLogGroupChange AFTER UPDATE OF name, picture ON learningGroup BEGIN
              INSERT INTO syncChange (kind, itemId) VALUES ('group', NEW.id); END;
            CREATE TRIGGER syncLogPerson AFTER INSERT ON person BEGIN
              INSERT INTO syncChange (kind, itemId) VALUES ('person', NEW.id); END;
            CREATE TRIGGER syncLogMembership AFTER INSERT ON membership BEGIN
              INSERT INTO syncChange (kind, itemId) VALUES ('membership', NEW.groupId || ' ' || NEW.personId); END;
            CREATE TRIGGER syncLogMentoringPair AFTER INSERT ON mentoringPair BEGIN
              INSERT INTO syncChange (kind, itemId) VALUES ('mentoringPair', NEW.id); END;
            CREATE TRIGGER syncLogMentoringPairEnd AFTER UPDATE OF endsAt ON mentoringPair BEGIN
              INSERT INTO syncChange (kind, itemId) VALUES ('mentoringPair', NEW.id); END;
            CREATE TRIGGER syncLogRecording AFTER INSERT ON recording BEGIN
              INSERT INTO syncChange (kind, itemId) VALUES ('recording', NEW.id); END;
            CREATE TRIGGER syncStampSharing AFTER UPDATE OF visibility, sharedWithMentor ON recording
              WHEN NEW.sharingChangedAt = OLD.sharingChangedAt
                AND (NEW.visibility IS NOT OLD.visibility OR NEW.sharedWithMentor IS NOT OLD.sharedWithMentor) BEGIN
              UPDATE recording SET sharingChangedAt = MAX(OLD.sharingChangedAt + 1,
                CAST(ROUND((julianday('now') - 2440587.5) * 86400000) AS INTEGER)) WHERE seq = NEW.seq; END;
            CREATE TRIGGER syncLogSharing AFTER UPDATE OF sharingChangedAt ON recording BEGIN
              INSERT INTO syncChange (kind, itemId) VALUES ('recording', NEW.id); END;
            CREATE TRIGGER syncLogConsent AFTER INSERT ON consent BEGIN
              INSERT INTO syncChange (kind, itemId) VALUES ('consent', NEW.recordingId); END;
            CREATE TRIGGER syncLogTombstone AFTER INSERT ON tombstone BEGIN
              INSERT INTO syncChange (kind, itemId) VALUES ('tombstone', NEW.recordingId); END;
            CREATE TRIGGER syncLogAttempt AFTER INSERT ON attempt BEGIN
              INSERT INTO syncChange (kind, itemId) VALUES ('attempt', NEW.id); END;
            CREATE TRIGGER syncLogRevision AFTER INSERT ON transcriptRevision BEGIN
              INSERT INTO syncChange (kind, itemId) VALUES ('transcriptRevision', CAST(NEW.id AS TEXT)); END;
            -- A revision saved here builds on every head of its transcript (an edit settles a conflict).
            CREATE TRIGGER syncNameRevision AFTER INSERT ON transcriptRevision WHEN NEW.syncId IS NULL BEGIN
              UPDATE transcriptRevision SET syncId = lower(hex(randomblob(12))),
                parents = COALESCE((SELECT group_concat(h.syncId, ' ') FROM transcriptRevision h
                  WHERE h.transcriptId = NEW.transcriptId AND h.id <> NEW.id AND NOT EXISTS (
                    SELECT 1 FROM transcriptRevision c WHERE c.transcriptId = NEW.transcriptId AND c.id <> NEW.id
                    AND instr(' ' || c.parents || ' ', ' ' || h.syncId || ' ') > 0)), '')
                WHERE id = NEW.id; END;
            """)
    }
}

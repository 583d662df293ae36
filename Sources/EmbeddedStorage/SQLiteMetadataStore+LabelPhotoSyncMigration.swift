import GRDB

extension SQLiteMetadataStore {
    /// Migration "v21 sync of spoken labels and photos" (shipped migrations never change: add a new one).
    static func labelPhotoSyncTables(_ db: Database) throws {
        // A spoken label removed (back to the shipped clip), here or by a peer: the removal travels
        // and beats an older take arriving later, and loses to a newer one.
        try db.create(table: "syncLabelRemoval", options: .withoutRowID) { table in
            table.column("language", .text).notNull()
            table.column("key", .text).notNull()
            table.column("removedAt", .integer).notNull()
            table.primaryKey(["language", "key"])
        }
        let now = "CAST(ROUND((julianday('now') - 2440587.5) * 86400000) AS INTEGER)"
        let item = "NEW.language || ' ' || NEW.key"
        try db.execute(sql: """
            INSERT INTO syncChange (kind, itemId) SELECT 'spokenLabel', language || ' ' || key FROM spokenLabel;
            -- A removal (a take withdrawn or deleted with it, too: the label cascades) is later than its take.
            CREATE TRIGGER syncNoteLabelRemoved AFTER DELETE ON spokenLabel BEGIN
              INSERT INTO syncLabelRemoval (language, key, removedAt) VALUES (OLD.language, OLD.key, MAX(\(now), OLD.recordedAt + 1))
                ON CONFLICT (language, key) DO UPDATE SET removedAt = excluded.removedAt;
              INSERT INTO syncChange (kind, itemId) VALUES ('spokenLabel', OLD.language || ' ' || OLD.key); END;
            -- A take recorded here is later than the removal it follows (whatever the clocks), so
            -- it wins on both sides as it does here.
            CREATE TRIGGER syncLogLabel AFTER INSERT ON spokenLabel BEGIN
              UPDATE spokenLabel SET recordedAt = (SELECT removedAt + 1 FROM syncLabelRemoval WHERE language = NEW.language AND key = NEW.key)
                WHERE language = NEW.language AND key = NEW.key
                AND NEW.recordedAt <= (SELECT removedAt FROM syncLabelRemoval WHERE language = NEW.language AND key = NEW.key);
              DELETE FROM syncLabelRemoval WHERE language = NEW.language AND key = NEW.key;
              INSERT INTO syncChange (kind, itemId) VALUES ('spokenLabel', \(item)); END;
            -- A new take here is later than the one it replaces (a peer's clock may run ahead).
            CREATE TRIGGER syncStampLabel AFTER UPDATE OF recordingId ON spokenLabel
              WHEN NEW.recordingId IS NOT OLD.recordingId AND NEW.recordedAt <= OLD.recordedAt BEGIN
              UPDATE spokenLabel SET recordedAt = OLD.recordedAt + 1 WHERE language = NEW.language AND key = NEW.key; END;
            CREATE TRIGGER syncLogLabelChange AFTER UPDATE ON spokenLabel BEGIN
              INSERT INTO syncChange (kind, itemId) VALUES ('spokenLabel', \(item)); END;

            -- Photos are edits of their person or group: the later wins (v16's triggers, with photos).
            DROP TRIGGER syncStampPersonEdit;
            CREATE TRIGGER syncStampPersonEdit AFTER UPDATE OF name, displayName, avatar, languages, avatarPhoto ON person
              WHEN NEW.editedAt = OLD.editedAt AND (NEW.name IS NOT OLD.name OR NEW.displayName IS NOT OLD.displayName
                OR NEW.avatar IS NOT OLD.avatar OR NEW.languages IS NOT OLD.languages OR NEW.avatarPhoto IS NOT OLD.avatarPhoto) BEGIN
              UPDATE person SET editedAt = MAX(OLD.editedAt + 1, \(now)) WHERE id = NEW.id; END;
            DROP TRIGGER syncStampGroupEdit;
            CREATE TRIGGER syncStampGroupEdit AFTER UPDATE OF name, picture, picturePhoto ON learningGroup
              WHEN NEW.editedAt = OLD.editedAt AND (NEW.name IS NOT OLD.name OR NEW.picture IS NOT OLD.picture
                OR NEW.picturePhoto IS NOT OLD.picturePhoto) BEGIN
              UPDATE learningGroup SET editedAt = MAX(OLD.editedAt + 1, \(now)) WHERE id = NEW.id; END;
            CREATE TRIGGER syncLogGroupPhoto AFTER UPDATE OF picturePhoto ON learningGroup BEGIN
              INSERT INTO syncChange (kind, itemId) VALUES ('group', NEW.id); END;
            """)
    }
}

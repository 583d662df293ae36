import GRDB

extension SQLiteMetadataStore {
    /// Migration "v16 sync of edits" (shipped migrations never change: add a new one).
    static func editSyncTables(_ db: Database) throws {
        // When a row's editable fields last changed here (milliseconds since 1970; 0 for never):
        // between two sides' edits the later wins. Stamped by the triggers below whichever code
        // edits, never when a peer's edit is applied (it brings its own clock).
        for table in ["person", "learningGroup", "recording"] {
            try db.alter(table: table) { table in table.add(column: "editedAt", .integer).notNull().defaults(to: 0) }
        }
        let now = "CAST(ROUND((julianday('now') - 2440587.5) * 86400000) AS INTEGER)"
        try db.execute(sql: """
            CREATE TRIGGER syncStampPersonEdit AFTER UPDATE OF name, displayName, avatar, languages ON person
              WHEN NEW.editedAt = OLD.editedAt AND (NEW.name IS NOT OLD.name OR NEW.displayName IS NOT OLD.displayName
                OR NEW.avatar IS NOT OLD.avatar OR NEW.languages IS NOT OLD.languages) BEGIN
              UPDATE person SET editedAt = MAX(OLD.editedAt + 1, \(now)) WHERE id = NEW.id; END;
            CREATE TRIGGER syncLogPersonEdit AFTER UPDATE OF editedAt ON person BEGIN
              INSERT INTO syncChange (kind, itemId) VALUES ('person', NEW.id); END;
            CREATE TRIGGER syncStampGroupEdit AFTER UPDATE OF name, picture ON learningGroup
              WHEN NEW.editedAt = OLD.editedAt AND (NEW.name IS NOT OLD.name OR NEW.picture IS NOT OLD.picture) BEGIN
              UPDATE learningGroup SET editedAt = MAX(OLD.editedAt + 1, \(now)) WHERE id = NEW.id; END;
            CREATE TRIGGER syncStampRecordingEdit AFTER UPDATE OF title, language, picture ON recording
              WHEN NEW.editedAt = OLD.editedAt AND (NEW.title IS NOT OLD.title OR NEW.language IS NOT OLD.language
                OR NEW.picture IS NOT OLD.picture) BEGIN
              UPDATE recording SET editedAt = MAX(OLD.editedAt + 1, \(now)) WHERE seq = NEW.seq; END;
            CREATE TRIGGER syncLogRecordingEdit AFTER UPDATE OF editedAt ON recording BEGIN
              INSERT INTO syncChange (kind, itemId) VALUES ('recording', NEW.id); END;
            """)
    }
}

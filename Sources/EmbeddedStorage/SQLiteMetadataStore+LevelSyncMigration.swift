import GRDB

extension SQLiteMetadataStore {
    /// Migration "v18 sync of levels set by hand" (shipped migrations never change: add a new one).
    static func levelSyncTables(_ db: Database) throws {
        // Every level a trainer set by hand, as an event that travels: progress is replayed from
        // the latest one on both sides. Noted by the triggers below whichever code sets a level
        // (a progress row with a setter and a new time); one already noted is not noted again
        // (progress replayed from an event that arrived).
        try db.create(table: "syncLevelSetting") { table in
            table.primaryKey("id", .text)
            table.column("personId", .text).notNull().references("person", onDelete: .cascade)
            table.column("recordingId", .text).notNull().references("recording", column: "id", onDelete: .cascade)
            table.column("step", .text).notNull()
            table.column("level", .integer).notNull()
            table.column("setBy", .text)
            table.column("setAt", .integer).notNull()
        }
        try db.create(index: "syncLevelSetting_progress", on: "syncLevelSetting", columns: ["recordingId", "personId", "step"])
        let note = """
            INSERT INTO syncLevelSetting (id, personId, recordingId, step, level, setBy, setAt)
              SELECT lower(hex(randomblob(12))), NEW.personId, NEW.recordingId, NEW.step, NEW.level, NEW.setBy, NEW.levelSince
              WHERE NOT EXISTS (SELECT 1 FROM syncLevelSetting s WHERE s.recordingId = NEW.recordingId AND s.personId = NEW.personId
                AND s.step = NEW.step AND s.setAt = NEW.levelSince AND s.level = NEW.level);
            """
        try db.execute(sql: """
            INSERT INTO syncLevelSetting (id, personId, recordingId, step, level, setBy, setAt)
              SELECT lower(hex(randomblob(12))), personId, recordingId, step, level, setBy, levelSince FROM progress WHERE setBy IS NOT NULL;
            CREATE TRIGGER syncNoteLevelSet AFTER INSERT ON progress WHEN NEW.setBy IS NOT NULL BEGIN \(note) END;
            CREATE TRIGGER syncNoteLevelSetAgain AFTER UPDATE ON progress WHEN NEW.setBy IS NOT NULL BEGIN \(note) END;
            CREATE TRIGGER syncLogLevelSetting AFTER INSERT ON syncLevelSetting BEGIN
              INSERT INTO syncChange (kind, itemId) VALUES ('levelSetting', NEW.recordingId || ' ' || NEW.id); END;
            INSERT INTO syncChange (kind, itemId) SELECT 'levelSetting', recordingId || ' ' || id FROM syncLevelSetting;
            """)
    }
}

import GRDB

extension SQLiteMetadataStore {
    /// Migration "v15 sync of scenarios" (shipped migrations never change: add a new one).
    static func scenarioSyncTables(_ db: Database) throws {
        // A revision's id on every server and the revisions it was made from (space-separated):
        // scenario revisions merge by id like transcript revisions, and two heads are a conflict.
        try db.alter(table: "scenarioRevision") { table in
            table.add(column: "syncId", .text)
            table.add(column: "parents", .text).notNull().defaults(to: "")
        }
        try db.execute(sql: """
            UPDATE scenarioRevision SET syncId = lower(hex(randomblob(12)));
            UPDATE scenarioRevision SET parents = COALESCE((SELECT p.syncId FROM scenarioRevision p
              WHERE p.slug = scenarioRevision.slug AND p.number = scenarioRevision.number - 1), '');
            CREATE UNIQUE INDEX scenarioRevision_syncId ON scenarioRevision (syncId);
            INSERT INTO syncChange (kind, itemId) SELECT 'scenario', slug FROM scenario WHERE groupId IS NOT NULL;
            INSERT INTO syncChange (kind, itemId) SELECT 'scenarioRevision', r.syncId FROM scenarioRevision r
              JOIN scenario s ON s.slug = r.slug WHERE s.groupId IS NOT NULL;

            CREATE TRIGGER syncLogScenario AFTER INSERT ON scenario BEGIN
              INSERT INTO syncChange (kind, itemId) VALUES ('scenario', NEW.slug); END;
            CREATE TRIGGER syncLogScenarioChange AFTER UPDATE OF groupId, visibility ON scenario
              WHEN NEW.groupId IS NOT OLD.groupId OR NEW.visibility IS NOT OLD.visibility BEGIN
              INSERT INTO syncChange (kind, itemId) VALUES ('scenario', NEW.slug); END;
            -- A revision from a peer arrives named.
            CREATE TRIGGER syncLogScenarioRevision AFTER INSERT ON scenarioRevision WHEN NEW.syncId IS NOT NULL BEGIN
              INSERT INTO syncChange (kind, itemId) VALUES ('scenarioRevision', NEW.syncId); END;
            -- A revision saved here is named, builds on every head of its scenario (a save settles
            -- a conflict), and is logged by its name.
            CREATE TRIGGER syncNameScenarioRevision AFTER INSERT ON scenarioRevision WHEN NEW.syncId IS NULL BEGIN
              UPDATE scenarioRevision SET syncId = lower(hex(randomblob(12))),
                parents = COALESCE((SELECT group_concat(h.syncId, ' ') FROM scenarioRevision h
                  WHERE h.slug = NEW.slug AND h.number <> NEW.number AND NOT EXISTS (
                    SELECT 1 FROM scenarioRevision c WHERE c.slug = NEW.slug AND c.number <> NEW.number
                    AND instr(' ' || c.parents || ' ', ' ' || h.syncId || ' ') > 0)), '')
                WHERE slug = NEW.slug AND number = NEW.number;
              INSERT INTO syncChange (kind, itemId)
                SELECT 'scenarioRevision', syncId FROM scenarioRevision WHERE slug = NEW.slug AND number = NEW.number; END;
            """)
    }
}

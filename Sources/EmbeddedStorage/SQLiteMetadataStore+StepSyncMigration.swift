import GRDB

extension SQLiteMetadataStore {
    /// Migration "v22 sync of scenario steps done" (shipped migrations never change: add a new one).
    /// A step done without an attempt (listen, record, talk) is logged as `stepDone`
    /// `personId slug stepId` when it is first done and when a later answer replaces it. Attempts at
    /// shipped scenario audio, which no bundle carried before, are logged again to go once.
    static func stepSyncTriggers(_ db: Database) throws {
        let log = "INSERT INTO syncChange (kind, itemId) VALUES ('stepDone', NEW.personId || ' ' || NEW.slug || ' ' || NEW.stepId);"
        try db.execute(sql: """
            INSERT INTO syncChange (kind, itemId) SELECT 'stepDone', personId || ' ' || slug || ' ' || stepId FROM scenarioStepDone
              ORDER BY doneAt, personId, slug, stepId;
            INSERT INTO syncChange (kind, itemId) SELECT 'attempt', id FROM attempt
              WHERE recordingId IN (SELECT recordingId FROM shippedMedia) ORDER BY createdAt, id;
            CREATE TRIGGER syncLogStepDone AFTER INSERT ON scenarioStepDone BEGIN \(log) END;
            CREATE TRIGGER syncLogStepDoneAgain AFTER UPDATE ON scenarioStepDone
              WHEN NEW.doneAt IS NOT OLD.doneAt OR NEW.recordingId IS NOT OLD.recordingId BEGIN \(log) END;
            """)
    }
}

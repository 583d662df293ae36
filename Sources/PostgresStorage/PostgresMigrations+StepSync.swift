extension PostgresMigrations {
    /// Scenario steps done without attempts travel: what the embedded store's migration v22 made
    /// (shipped migrations never change: add a new one). Logged as `stepDone` `personId slug stepId`
    /// when first done and when a later answer replaces it. Attempts at shipped scenario audio, which
    /// no bundle carried before, are logged again to go once.
    static let v6StepSync = Migration(name: "v6 sync of scenario steps done", statements: [
        """
        INSERT INTO syncChange (seq, kind, itemId)
        SELECT nextval('syncChangeSeq'), 'stepDone', personId || ' ' || slug || ' ' || stepId FROM scenarioStepDone
        ORDER BY doneAt, personId, slug, stepId
        """,
        """
        INSERT INTO syncChange (seq, kind, itemId)
        SELECT nextval('syncChangeSeq'), 'attempt', id FROM attempt WHERE recordingId IN (SELECT recordingId FROM shippedMedia)
        ORDER BY createdAt, id
        """,
        """
        CREATE TRIGGER syncLogStepDone AFTER INSERT ON scenarioStepDone FOR EACH ROW
        EXECUTE FUNCTION parlons_sync_log('stepDone', 'personid', 'slug', 'stepid')
        """,
        """
        CREATE TRIGGER syncLogStepDoneAgain AFTER UPDATE ON scenarioStepDone FOR EACH ROW
        WHEN (NEW.doneAt IS DISTINCT FROM OLD.doneAt OR NEW.recordingId IS DISTINCT FROM OLD.recordingId)
        EXECUTE FUNCTION parlons_sync_log('stepDone', 'personid', 'slug', 'stepid')
        """,
    ])
}

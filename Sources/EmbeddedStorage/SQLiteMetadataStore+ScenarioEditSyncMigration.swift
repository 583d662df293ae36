import GRDB

extension SQLiteMetadataStore {
    /// Migration "v19 sync of scenario visibility" (shipped migrations never change: add a new one).
    static func scenarioEditSyncTables(_ db: Database) throws {
        // When a scenario's visibility last changed here: between two sides' settings the later wins.
        try db.alter(table: "scenario") { table in table.add(column: "editedAt", .integer).notNull().defaults(to: 0) }
        let now = "CAST(ROUND((julianday('now') - 2440587.5) * 86400000) AS INTEGER)"
        try db.execute(sql: """
            CREATE TRIGGER syncStampScenarioEdit AFTER UPDATE OF visibility ON scenario
              WHEN NEW.editedAt = OLD.editedAt AND NEW.visibility IS NOT OLD.visibility BEGIN
              UPDATE scenario SET editedAt = MAX(OLD.editedAt + 1, \(now)) WHERE slug = NEW.slug; END;
            """)
    }
}

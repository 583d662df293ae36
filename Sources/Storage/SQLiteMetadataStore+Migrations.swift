import GRDB

extension SQLiteMetadataStore {
    /// The schema's history. A migration that has shipped never changes: add a new one instead.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1 recordings") { db in
            try db.create(table: "recording") { table in
                table.autoIncrementedPrimaryKey("seq")
                table.column("id", .text).notNull().unique()
                table.column("title", .text).notNull()
                table.column("language", .text).notNull()
                table.column("durationMs", .integer).notNull()
                table.column("sampleCount", .integer).notNull()
                table.column("inputSampleRate", .integer).notNull()
                table.column("inputChannels", .integer).notNull()
                table.column("bitrate", .integer).notNull()
                table.column("byteSize", .integer).notNull()
                table.column("sha256", .text).notNull().indexed()
                table.column("sourceFormat", .text).notNull()
                table.column("createdAt", .integer).notNull()  // milliseconds since 1970
            }
        }
        return migrator
    }
}

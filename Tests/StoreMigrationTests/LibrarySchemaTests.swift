import EmbeddedStorage
import Foundation
import GRDB
import PostgresStorage
import Storage
import TestSupport
import Testing

/// `LibrarySchema` names every table and column both engines keep, so a migration added to either
/// engine without the shared schema (and so without `migrate-store`) fails here, not at a centre.
@Suite("The shared schema covers both engines")
struct LibrarySchemaTests {
    /// What each server keeps for itself and a move leaves behind, on either engine: sync between
    /// servers (its own id, pairs, change log, clocks and revision names).
    static let syncOnly: Set<String> = [
        "recording.sharingChangedAt", "transcriptRevision.syncId", "transcriptRevision.parents", "scenarioRevision.syncId",
        "scenarioRevision.parents", "person.editedAt", "learningGroup.editedAt", "recording.editedAt",
        "syncDeletion.kind", "syncDeletion.recordingId", "syncDeletion.language", "syncDeletion.groupId", "syncDeletion.deletedAt",
        "syncLevelSetting.id", "syncLevelSetting.personId", "syncLevelSetting.recordingId", "syncLevelSetting.step", "syncLevelSetting.level",
        "syncLevelSetting.setBy", "syncLevelSetting.setAt", "scenario.editedAt",
        "syncSelf.id", "syncPair.groupId", "syncPair.key", "syncPair.peerServerId", "syncPair.sentUpTo", "syncPair.peerReceivedUpTo",
        "syncPair.receivedUpTo", "syncPair.lastExchangeAt", "syncPair.pairedAt", "syncPair.peerURL", "syncChange.seq", "syncChange.kind",
        "syncChange.itemId", "syncChange.origin", "syncLabelRemoval.language", "syncLabelRemoval.key", "syncLabelRemoval.removedAt",
    ]

    @Test("every column of the embedded database is in the shared schema, or is one sync keeps")
    func embedded() throws {
        let root = try ExternalTool.temporaryDirectory("parlons-schema")
        defer { try? FileManager.default.removeItem(at: root) }
        _ = try EmbeddedStorage.open(root: root)
        let found = try DatabaseQueue(path: root.appendingPathComponent("parlons.sqlite").path).read { db in
            var columns = Set<String>()
            let tables = try String.fetchAll(db, sql: """
                SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'grdb_%'
                AND name NOT LIKE 'transcriptSearch_%'
                """)
            for table in tables {
                for column in try Row.fetchAll(db, sql: "PRAGMA table_info(\(table))") { columns.insert("\(table).\(column["name"] as String)") }
            }
            return columns
        }
        var shared = Set(LibrarySchema.tables.flatMap { table in table.columns.map { "\(table.name).\($0.name)" } })
        shared.subtract(["transcriptSearch.rowId", "attempt.seq", "transcriptWord.charOffset"])
        shared.insert("transcriptWord.offset")
        let moved = found.filter { !LibrarySchema.leftBehind.contains(String($0.prefix { $0 != "." })) }
        #expect(moved.subtracting(Self.syncOnly).sorted() == shared.sorted())
    }

    @Test("every column of the PostgreSQL schema is in the shared schema, or is one sync keeps")
    func postgres() async throws {
        let cluster = try await PostgresCluster.shared()
        let database = try cluster.createDatabase(prefix: "schema")
        defer { try? cluster.dropDatabase(database) }
        _ = try await PostgresMetadataStore.open(try #require(PostgresLocation(url: cluster.url(database: database))), maximumConnections: 1)
        let found = Set(try cluster.psql("""
            SELECT table_name || '.' || column_name FROM information_schema.columns
            WHERE table_schema = 'public' AND table_name <> 'schema_migrations'
            """, database: database).split(separator: "\n").map(String.init))
        var shared = Set(LibrarySchema.tables.flatMap { table in table.columns.map { "\(table.name).\($0.name)".lowercased() } })
        shared.insert("transcriptsearch.document")
        let leftBehind = Set(LibrarySchema.leftBehind.map { $0.lowercased() })
        let moved = found.filter { !leftBehind.contains(String($0.prefix { $0 != "." })) }
        // The change log's row id: its `seq` is given at commit.
        let syncOnly = Set(Self.syncOnly.map { $0.lowercased() } + ["syncchange.id"])
        #expect(moved.subtracting(syncOnly).sorted() == shared.sorted())
    }
}

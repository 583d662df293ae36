import Foundation
@testable import PostgresStorage
import Storage
import TestSupport
import Testing

/// The change log's numbers on PostgreSQL follow commit order, which the watermarks of sync need:
/// several connections (and nodes) write at once, and a change must never appear below a mark a
/// peer already read.
@Suite("Sync's change log on PostgreSQL")
struct SyncChangeOrderTests {
    @Test("a change is numbered when it commits: one committed after a mark was read is listed after it")
    func numberedAtCommit() async throws {
        let cluster = try await PostgresCluster.shared()
        let database = try cluster.createDatabase(prefix: "order")
        defer { try? cluster.dropDatabase(database) }
        let store = try await PostgresMetadataStore.open(try #require(PostgresLocation(url: cluster.url(database: database))),
                                                         maximumConnections: 4)
        let before = try await store.changes(after: 0, excludingOrigin: nil).lastSeq
        let mark = try await store.transaction { transaction in
            // Written first, committed last.
            try await PostgresMetadataStore.insert(ScenarioRecord(slug: "first", groupId: nil, visibility: .public, createdBy: nil), transaction)
            // Meanwhile another connection's change commits, and a peer reads the log.
            _ = try await store.createScenario(ScenarioRecord(slug: "second", groupId: nil, visibility: .public, createdBy: nil),
                                               body: "second", message: "created")
            let seen = try await store.changes(after: before, excludingOrigin: nil)
            #expect(seen.changes.map(\.itemId).contains("second") && !seen.changes.map(\.itemId).contains("first"))
            return seen.lastSeq
        }
        let after = try await store.changes(after: mark, excludingOrigin: nil)
        #expect(after.changes.map { "\($0.kind) \($0.itemId)" } == ["scenario first"])
        #expect(after.lastSeq > mark)
    }

    @Test("a statement that changes nothing logs nothing")
    func noOpLogsNothing() async throws {
        let cluster = try await PostgresCluster.shared()
        let database = try cluster.createDatabase(prefix: "noop")
        defer { try? cluster.dropDatabase(database) }
        let store = try await PostgresMetadataStore.open(try #require(PostgresLocation(url: cluster.url(database: database))),
                                                         maximumConnections: 2)
        let person = try await store.insertPerson(Person(name: "amina", displayName: "Amina", role: .learner), conflictMessage: nil)
        let group = try await store.insert(LearningGroup(name: "Camp"), members: [person.id])
        let before = try await store.changes(after: 0, excludingOrigin: nil).lastSeq
        try await store.save(person)  // every column written, none changed
        try await store.save(group)
        #expect(try await store.changes(after: before, excludingOrigin: nil).changes.isEmpty)
        #expect(try await store.editClocks(.person, ids: [person.id]).isEmpty)
    }
}

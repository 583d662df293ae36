import Foundation
@testable import PostgresStorage
import Storage
import Testing

/// Which of a node's caches a statement it ran empties (its own writes do not wait for their
/// notification to come back).
@Suite("What a node's own writes empty")
struct PostgresReadCachesTests {
    static func filled() -> PostgresReadCaches {
        let caches = PostgresReadCaches()
        caches.resume()
        let person = Person(name: "amina", displayName: "Amina", role: .learner)
        caches.peopleById.store(person, for: "p", readAt: caches.peopleById.generation)
        caches.sessionValues.store(StoredSessionValue(value: Data([1]), expiresAt: nil), for: "s", readAt: caches.sessionValues.generation)
        caches.tokenHolders.store(PostgresTokenHolder(tokenId: "t", lastUsedAt: nil, person: person), for: "t",
                                  readAt: caches.tokenHolders.generation)
        return caches
    }

    @Test("a write empties what its table feeds and nothing else; a read empties nothing; an unknown write empties all")
    func statementsEmptyTheirTables() {
        var caches = Self.filled()
        caches.changed(bySQL: "SELECT value FROM keyValue WHERE key = $1")
        #expect(caches.sessionValues.value(for: "s") != nil && caches.peopleById.value(for: "p") != nil)

        caches.changed(bySQL: "\n  INSERT INTO keyValue(key, value) VALUES ($1, $2)")
        #expect(caches.sessionValues.value(for: "s") == nil)
        #expect(caches.peopleById.value(for: "p") != nil && caches.tokenHolders.value(for: "t") != nil)

        caches = Self.filled()
        caches.changed(bySQL: "UPDATE apiToken SET lastUsedAt = $1 WHERE id = $2")
        #expect(caches.tokenHolders.value(for: "t") == nil)
        #expect(caches.peopleById.value(for: "p") != nil && caches.sessionValues.value(for: "s") != nil)

        caches = Self.filled()
        caches.changed(bySQL: "DELETE FROM person WHERE id = $1")
        #expect(caches.peopleById.value(for: "p") == nil && caches.tokenHolders.value(for: "t") == nil)
        #expect(caches.sessionValues.value(for: "s") != nil)

        caches = Self.filled()
        caches.changed(bySQL: "WITH gone AS (DELETE FROM keyValue RETURNING key) SELECT count(*) FROM gone")
        #expect(caches.sessionValues.value(for: "s") == nil && caches.peopleById.value(for: "p") == nil
            && caches.tokenHolders.value(for: "t") == nil)
    }

    @Test("a suspended cache keeps nothing, and starts empty when it resumes")
    func suspendedKeepsNothing() {
        let caches = Self.filled()
        caches.suspend()
        #expect(caches.peopleById.value(for: "p") == nil)
        caches.peopleById.store(Person(name: "x", displayName: "X", role: .learner), for: "x", readAt: caches.peopleById.generation)
        #expect(caches.peopleById.value(for: "x") == nil)
        caches.resume()
        #expect(caches.peopleById.value(for: "p") == nil)
    }

    @Test("a transaction empties what the tables it wrote feed, and everything when one write's table is unknown")
    func transactionsEmptyTheirTables() {
        let written = WrittenTables()
        written.note("SELECT pg_advisory_xact_lock($1)")
        written.note("INSERT INTO recording (id) VALUES ($1)")
        written.note("UPDATE person SET displayName = $1")
        #expect(written.tables == ["recording", "person"])
        let caches = Self.filled()
        caches.changed(by: written)
        #expect(caches.peopleById.value(for: "p") == nil && caches.tokenHolders.value(for: "t") == nil)
        #expect(caches.sessionValues.value(for: "s") != nil)
        written.note("TRUNCATE keyValue")
        #expect(written.tables == nil)
        caches.changed(by: written)
        #expect(caches.sessionValues.value(for: "s") == nil)
    }

    @Test("a write empties what the database changes along with it: a group's memberships, a network's members, a person's spoken name")
    func cascadesEmptyTheirTables() {
        let person = Person(name: "amina", displayName: "Amina", role: .learner)
        let recording = Recording(id: "r", title: "t", language: "fr", durationMs: 1, sampleCount: 48, inputSampleRate: 48_000,
                                  inputChannels: 1, bitrate: 24_000, byteSize: 1, sha256: "s", sourceFormat: "wav/pcm16",
                                  createdAt: Date(), ownerId: "o", visibility: .public)
        for (statement, emptied) in [("DELETE FROM learningGroup WHERE id = $1", ["heard", "public"]),
                                     ("DELETE FROM network WHERE id = $1", ["heard"]),
                                     ("DELETE FROM recording WHERE id = $1", ["heard", "public", "people"])] {
            let caches = Self.filled()
            caches.heardRecordings.store(recording, for: "h", readAt: caches.heardRecordings.generation)
            caches.publicRecordings.store(recording, for: "r", readAt: caches.publicRecordings.generation)
            caches.peopleById.store(person, for: "p", readAt: caches.peopleById.generation)
            caches.changed(bySQL: statement)
            #expect((caches.heardRecordings.value(for: "h") == nil) == emptied.contains("heard"), "\(statement)")
            #expect((caches.publicRecordings.value(for: "r") == nil) == emptied.contains("public"), "\(statement)")
            #expect((caches.peopleById.value(for: "p") == nil) == emptied.contains("people"), "\(statement)")
            #expect(caches.sessionValues.value(for: "s") != nil, "\(statement)")
        }
    }
}

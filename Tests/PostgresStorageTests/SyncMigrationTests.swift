import Foundation
@testable import PostgresStorage
import Storage
import TestSupport
import Testing
import Transcripts

/// Migration v4 on a centre's database that already holds a library (made before sync came to
/// PostgreSQL): what was there is named and logged once, and new saves build on it.
@Suite("Sync's migration on a PostgreSQL database with rows")
struct SyncMigrationTests {
    @Test("revisions already there are named in a chain, levels set by hand noted, every row that travels logged once")
    func backfill() async throws {
        let cluster = try await PostgresCluster.shared()
        let database = try cluster.createDatabase(prefix: "backfill")
        defer { try? cluster.dropDatabase(database) }
        let before = PostgresMigrations.all.prefix { $0.name != PostgresMigrations.v4Sync.name }
        #expect(before.count == 4)
        try cluster.psql((before.flatMap(\.statements) + [
            "CREATE TABLE schema_migrations (name TEXT PRIMARY KEY, appliedAt BIGINT NOT NULL)",
        ]).joined(separator: ";\n"), database: database)
        for migration in before { try cluster.psql("INSERT INTO schema_migrations VALUES ('\(migration.name)', 0)", database: database) }
        try cluster.psql("""
            INSERT INTO person (id, name, displayName, role, languages, createdAt) VALUES
              ('amina', 'amina', 'Amina', 'learner', '["fr"]', 1), ('trainer', 'trainer', 'Trainer', 'trainer', '[]', 2);
            INSERT INTO learningGroup (id, name, createdAt) VALUES ('camp', 'Camp', 3);
            INSERT INTO membership (groupId, personId) VALUES ('camp', 'amina'), ('camp', 'trainer');
            INSERT INTO recording (id, title, language, durationMs, sampleCount, inputSampleRate, inputChannels, bitrate, byteSize, sha256,
              sourceFormat, createdAt, ownerId, groupId, visibility) VALUES
              ('rec', 'Le marché', 'fr', 1000, 48000, 48000, 1, 24000, 10, 'abc', 'wav', 4, 'amina', 'camp', 'group');
            INSERT INTO consent (id, recordingId, personId, visibility, method, givenAt) VALUES ('c1', 'rec', 'amina', 'group', 'tap', 5);
            INSERT INTO transcript (recordingId, language, currentRevision) VALUES ('rec', 'fr', 2);
            INSERT INTO transcriptRevision (transcriptId, revision, kind, text, change, createdAt)
              SELECT id, 1, 'transcription', 'Un.', 'text', 6 FROM transcript;
            INSERT INTO transcriptRevision (transcriptId, revision, kind, text, change, createdAt)
              SELECT id, 2, 'transcription', 'Deux.', 'text', 7 FROM transcript;
            INSERT INTO progress (personId, recordingId, step, level, levelSince, setBy, updatedAt) VALUES ('amina', 'rec', '', 2, 8, 'trainer', 8);
            INSERT INTO scenario (slug, groupId, visibility, currentRevision, createdAt) VALUES ('marche', 'camp', 'group', 1, 9),
              ('livre', NULL, 'public', 1, 9);
            INSERT INTO scenarioRevision (slug, number, body, message, createdAt) VALUES ('marche', 1, 'x', 'created', 9),
              ('livre', 1, 'y', 'shipped', 9)
            """, database: database)

        let store = try await PostgresMetadataStore.open(try #require(PostgresLocation(url: cluster.url(database: database))),
                                                         maximumConnections: 2)
        #expect(try await !store.serverId().isEmpty)
        let logged = try await store.changes(after: 0, excludingOrigin: nil).changes
        var kinds: [SyncItemKind: Int] = [:]
        for change in logged { kinds[change.kind, default: 0] += 1 }
        #expect(kinds == [.group: 1, .person: 2, .membership: 2, .recording: 1, .consent: 1, .transcriptRevision: 2, .scenario: 1,
                          .scenarioRevision: 1, .levelSetting: 1])
        #expect(Set(logged.map(\.seq)).count == logged.count)
        let revisions = try await store.transcriptRevisions(recordingId: "rec")
        #expect(revisions.map(\.transcript.text) == ["Un.", "Deux."])
        #expect(revisions[0].parents == [] && revisions[1].parents == [revisions[0].syncId])
        #expect(try await store.levelSettings(recordingIds: ["rec"]).map(\.setBy) == ["trainer"])
        #expect(try await store.scenarioRevisions(slug: "marche").first?.syncId.isEmpty == false)

        // A save after the migration builds on the head that was there, and is logged.
        let last = try await store.changes(after: 0, excludingOrigin: nil).lastSeq
        let saved = try await store.saveTranscript(Transcript(language: "fr", plainText: "Trois."), recordingId: "rec", change: .text,
                                                   authorId: nil, expectedRevision: 2, now: Date())
        #expect(saved.revision == 3)
        #expect(try await store.transcriptRevisions(recordingId: "rec").last?.parents == [revisions[1].syncId])
        #expect(try await store.changes(after: last, excludingOrigin: nil).changes.map(\.kind) == [.transcriptRevision])
        #expect(try await store.transcriptConflicts().isEmpty)
    }
}

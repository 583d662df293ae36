import EmbeddedStorage
import Foundation
import GRDB
import Storage
import TestSupport
import Testing
import Transcripts

@Suite("Transcripts in SQLite: revisions, read-back, search")
struct TranscriptStoreTests {
    static func timed(_ text: String, language: String = "fr", from start: Int = 0) -> Transcript {
        var transcript = Transcript(language: language, plainText: text)
        var at = start
        for s in transcript.segments.indices {
            let first = at
            for w in transcript.segments[s].words.indices {
                transcript.segments[s].words[w].setTiming(at, at + 300, origin: .auto, confidence: 0.75)
                at += 350
            }
            transcript.segments[s].setTiming(first, at - 50, origin: .auto, confidence: 0.5)
            at += 200
        }
        return transcript
    }

    @Test("every save is a new revision; each reads back exactly, words and times included")
    func revisions() async throws {
        let (library, root) = try RecordingLibraryTests.makeLibrary()
        defer { try? FileManager.default.removeItem(at: root) }
        let store = library.stores
        let recording = try await RecordingLibraryTests.store(library, bytes: [1, 2, 3])
        let first = Transcript(language: "fr", plainText: "Bonjour. Je m'appelle Amina.\nJ'habite à Lyon.")
        let saved = try await store.transcripts.saveTranscript(first, recordingId: recording.id, change: .text, authorId: nil)
        #expect(saved.revision == 1)
        let second = Self.timed("Bonjour. Je m'appelle Amina.\nJ'habite à Lyon.")
        _ = try await store.transcripts.saveTranscript(second, recordingId: recording.id, change: .align, authorId: nil, expectedRevision: 1)
        #expect(try await store.transcripts.transcript(recordingId: recording.id, language: "fr")?.transcript == second)
        #expect(try await store.transcripts.transcript(recordingId: recording.id, language: "fr", revision: 1)?.transcript == first)
        #expect(try await store.transcripts.transcript(recordingId: recording.id, language: "fr", revision: 3) == nil)
        let history = try await store.transcripts.transcriptRevisions(recordingId: recording.id, language: "fr")
        #expect(history.map(\.revision) == [1, 2] && history.map(\.change) == [.text, .align])
        // A save based on an old revision is refused: someone saved in between.
        await #expect(throws: StorageError.self) {
            _ = try await store.transcripts.saveTranscript(first, recordingId: recording.id, change: .text, authorId: nil, expectedRevision: 1)
        }
        await #expect(throws: StorageError.self) {
            _ = try await store.transcripts.saveTranscript(first, recordingId: "nope", change: .text, authorId: nil)
        }
        // Another language is another transcript.
        let arabic = Transcript(language: "ar", kind: .translation, plainText: "مرحبا، اسمي أمينة.")
        _ = try await store.transcripts.saveTranscript(arabic, recordingId: recording.id, change: .text, authorId: nil)
        #expect(try await store.transcripts.transcripts(recordingId: recording.id).map(\.transcript.language) == ["ar", "fr"])
        #expect(try await store.transcripts.transcript(recordingId: recording.id, language: "ar")?.transcript == arabic)
    }

    @Test("search ignores accents and case, finds prefixes, marks the match, and shows only what the viewer may hear")
    func search() async throws {
        let (library, root) = try RecordingLibraryTests.makeLibrary()
        defer { try? FileManager.default.removeItem(at: root) }
        let store = library.stores
        let open = try await RecordingLibraryTests.store(library, bytes: [1])
        let hidden = try await RecordingLibraryTests.store(library, bytes: [2])
        _ = try await store.recordings.setVisibility(id: open.id, visibility: .public, sharedWithMentor: false)
        _ = try await store.transcripts.saveTranscript(Self.timed("Bonjour.\nMon fils va à l'École Jules-Ferry.", from: 1_000),
                                           recordingId: open.id, change: .align, authorId: nil)
        _ = try await store.transcripts.saveTranscript(Transcript(language: "fr", plainText: "L'école est fermée."),
                                           recordingId: hidden.id, change: .text, authorId: nil)
        let anonymous = Viewer.anonymous()
        let hits = try await store.transcripts.searchTranscripts("ecole", visibleTo: anonymous)
        let hit = try #require(hits.first)
        #expect(hits.count == 1 && hit.recordingId == open.id && hit.segment == 1)
        #expect(hit.startMs == 1_550)
        #expect(hit.snippet == "Mon fils va à l'École Jules-Ferry.")
        let range = try #require(hit.matches.first)
        #expect((hit.snippet as NSString).substring(with: NSRange(location: range[0], length: range[1])) == "École")
        // An admin hears both; a prefix finds words; FTS5 syntax in the query is only text.
        let admin = Viewer(personId: "root", role: .admin)
        #expect(try await store.transcripts.searchTranscripts("ÉCOLE", visibleTo: admin).count == 2)
        #expect(try await store.transcripts.searchTranscripts("ferm", visibleTo: admin).map(\.recordingId) == [hidden.id])
        #expect(try await store.transcripts.searchTranscripts("\"école\" OR NEAR(", visibleTo: admin).isEmpty)
        #expect(try await store.transcripts.searchTranscripts("école fils", visibleTo: admin).count == 1)
        #expect(try await store.transcripts.searchTranscripts("…", visibleTo: admin).isEmpty)
        #expect(try await store.transcripts.searchTranscripts("ecole", language: "ar", visibleTo: admin).isEmpty)
        // A new revision replaces the old text in the index.
        _ = try await store.transcripts.saveTranscript(Transcript(language: "fr", plainText: "Le marché."), recordingId: open.id, change: .text, authorId: nil)
        #expect(try await store.transcripts.searchTranscripts("ecole", visibleTo: anonymous).isEmpty)
        #expect(try await store.transcripts.searchTranscripts("marche", visibleTo: anonymous).count == 1)
    }

    @Test("search lists whole-word matches before beginnings, newest transcript first, phrases in order")
    func searchOrder() async throws {
        let (library, root) = try RecordingLibraryTests.makeLibrary()
        defer { try? FileManager.default.removeItem(at: root) }
        let store = library.stores
        var ids: [String] = []
        for (index, text) in ["Le marché.\nIl pleut.\nLe marché est grand.", "Mardi, marché.", "Marcher vite."].enumerated() {
            let recording = try await RecordingLibraryTests.store(library, bytes: [UInt8(40 + index)])
            _ = try await store.transcripts.saveTranscript(Transcript(language: "fr", plainText: text), recordingId: recording.id, change: .text, authorId: nil)
            ids.append(recording.id)
        }
        let admin = Viewer(personId: "root", role: .admin)
        let hits = try await store.transcripts.searchTranscripts("marche", visibleTo: admin)
        #expect(hits.map(\.recordingId) == [ids[1], ids[0], ids[0], ids[2]])
        #expect(hits.map(\.segment) == [0, 0, 2, 0])
        // A limit keeps the whole-word matches first.
        #expect(try await store.transcripts.searchTranscripts("marche", language: nil, visibleTo: admin, limit: 1).map(\.recordingId) == [ids[1]])
        // Editing an older transcript makes it the newest.
        _ = try await store.transcripts.saveTranscript(Transcript(language: "fr", plainText: "Le marché, encore."), recordingId: ids[0], change: .text, authorId: nil)
        #expect(try await store.transcripts.searchTranscripts("marche", visibleTo: admin).map(\.recordingId) == [ids[0], ids[1], ids[2]])
    }

    @Test("deleting or withdrawing a recording takes its transcripts, revisions and search rows with it")
    func cascade() async throws {
        let (library, root) = try RecordingLibraryTests.makeLibrary()
        defer { try? FileManager.default.removeItem(at: root) }
        let store = library.stores
        for withdraw in [false, true] {
            let recording = try await RecordingLibraryTests.store(library, bytes: [withdraw ? 9 : 8])
            _ = try await store.transcripts.saveTranscript(Self.timed("Une histoire de la route."), recordingId: recording.id, change: .align, authorId: nil)
            _ = try await store.transcripts.saveTranscript(Self.timed("Une histoire de la route, encore."), recordingId: recording.id, change: .align, authorId: nil)
            if withdraw {
                _ = try await store.recordings.withdraw(id: recording.id, by: nil, now: Date(), unreferenced: { _ in })
            } else {
                _ = try await store.recordings.delete(id: recording.id, unreferenced: { _ in })
            }
            #expect(try await store.transcripts.transcript(recordingId: recording.id, language: "fr") == nil)
        }
        // Nothing of them is left in any table (the engine's own view).
        let database = try #require(store.transcripts as? SQLiteMetadataStore)
        let left = try await database.pool.read { db in
            try ["transcript", "transcriptRevision", "transcriptSegment", "transcriptWord", "transcriptSearch"].map {
                try Int.fetchOne(db, sql: "SELECT count(*) FROM \($0)") ?? -1
            }
        }
        #expect(left == [0, 0, 0, 0, 0])
    }
}

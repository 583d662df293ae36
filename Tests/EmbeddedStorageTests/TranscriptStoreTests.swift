import EmbeddedStorage
import Foundation
import GRDB
import Storage
import TestSupport
import Testing
import Transcripts

/// What the protocol cannot see: the SQLite tables behind transcripts. Their behaviour is checked
/// by `TranscriptStoreConformance`.
@Suite("Transcripts in SQLite: no row left behind")
struct TranscriptStoreTests {
    @Test("deleting or withdrawing a recording leaves nothing of its transcripts in any table")
    func cascade() async throws {
        let (library, root) = try RecordingLibraryTests.makeLibrary()
        defer { try? FileManager.default.removeItem(at: root) }
        let store = library.stores
        for withdraw in [false, true] {
            let recording = try await RecordingLibraryTests.store(library, bytes: [withdraw ? 9 : 8])
            var timed = Transcript(language: "fr", plainText: "Une histoire de la route.")
            for w in timed.segments[0].words.indices { timed.segments[0].words[w].setTiming(w * 350, w * 350 + 300, origin: .auto, confidence: 0.75) }
            timed.segments[0].setTiming(0, timed.segments[0].words.count * 350, origin: .auto, confidence: 0.5)
            _ = try await store.transcripts.saveTranscript(timed, recordingId: recording.id, change: .align, authorId: nil)
            _ = try await store.transcripts.saveTranscript(Transcript(language: "fr", plainText: "Une histoire de la route, encore."),
                                                           recordingId: recording.id, change: .text, authorId: nil)
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

import Foundation
import Storage
import Testing
import Transcripts

/// `TranscriptStore`: revisions (here) and search and the gap-fill pool (`+Search`).
public enum TranscriptStoreConformance {
    public static let cases: [ConformanceCase] = [
        ConformanceCase("every save is a new revision; each reads back exactly, words and times included", revisions),
        ConformanceCase("an expectedRevision that moved on is a conflict; an unknown recording is not found", saveErrors),
        ConformanceCase("of two saves based on one revision at once, exactly one is kept", concurrentSaves),
        ConformanceCase("deleting a transcript takes all its revisions; false when there was none", deleteTranscript),
        ConformanceCase("deleting or withdrawing a recording takes its transcripts with it", cascade),
        ConformanceCase("search ignores accents and case, finds prefixes, marks the match, and shows only what the viewer may hear",
                        search),
        ConformanceCase("search lists whole-word matches before beginnings, newest transcript first, phrases in order", searchOrder),
        ConformanceCase("search hears as the recordings do, per role", searchPerRole),
        ConformanceCase("the gap-fill pool: the group's other timed transcriptions in the language that the viewer may hear", groupTranscriptions),
    ]

    /// `text` with every word and phrase timed, from `start` on.
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

    public static func revisions(_ factory: StoreFactory) async throws {
        let stores = try await factory()
        let author = try await Seed.person(stores, "m.durand", .trainer)
        let recording = try await Seed.recording(stores, bytes: [1, 2, 3])
        let first = Transcript(language: "fr", plainText: "Bonjour. Je m'appelle Amina.\nJ'habite à Lyon.")
        let t0 = Date(timeIntervalSince1970: 1_800_000_000.5)
        let saved = try await stores.transcripts.saveTranscript(first, recordingId: recording.id, change: .text, authorId: author.id,
                                                                expectedRevision: nil, now: t0)
        #expect(saved == StoredTranscript(recordingId: recording.id, revision: 1, change: .text, authorId: author.id, createdAt: t0,
                                          transcript: first))
        #expect(saved.revision == 1)
        let second = timed("Bonjour. Je m'appelle Amina.\nJ'habite à Lyon.")
        _ = try await stores.transcripts.saveTranscript(second, recordingId: recording.id, change: .align, authorId: nil, expectedRevision: 1)
        #expect(try await stores.transcripts.transcript(recordingId: recording.id, language: "fr")?.transcript == second)
        #expect(try await stores.transcripts.transcript(recordingId: recording.id, language: "fr", revision: 1)?.transcript == first)
        #expect(try await stores.transcripts.transcript(recordingId: recording.id, language: "fr", revision: 1) == saved)
        #expect(try await stores.transcripts.transcript(recordingId: recording.id, language: "fr", revision: 3) == nil)
        let history = try await stores.transcripts.transcriptRevisions(recordingId: recording.id, language: "fr")
        #expect(history.map(\.revision) == [1, 2] && history.map(\.change) == [.text, .align])
        #expect(history.first == TranscriptRevisionInfo(revision: 1, kind: .transcription, change: .text, authorId: author.id, createdAt: t0))
        // Another language is another transcript.
        let arabic = Transcript(language: "ar", kind: .translation, plainText: "مرحبا، اسمي أمينة.")
        _ = try await stores.transcripts.saveTranscript(arabic, recordingId: recording.id, change: .import, authorId: nil)
        #expect(try await stores.transcripts.transcripts(recordingId: recording.id).map(\.transcript.language) == ["ar", "fr"])
        #expect(try await stores.transcripts.transcripts(recordingId: recording.id).map(\.revision) == [1, 2])
        #expect(try await stores.transcripts.transcript(recordingId: recording.id, language: "ar")?.transcript == arabic)
        #expect(try await stores.transcripts.transcriptRevisions(recordingId: recording.id, language: "ar").map(\.kind) == [.translation])
        #expect(try await stores.transcripts.transcript(recordingId: recording.id, language: "wo") == nil)
        #expect(try await stores.transcripts.transcripts(recordingId: ResourceID.generate()).isEmpty)
        #expect(try await stores.transcripts.transcriptRevisions(recordingId: recording.id, language: "wo").isEmpty)
        // The author's deletion leaves their revisions, without a name.
        #expect(try await stores.people.deletePerson(id: author.id))
        #expect(try await stores.transcripts.transcript(recordingId: recording.id, language: "fr", revision: 1)?.authorId == nil)
    }

    public static func saveErrors(_ factory: StoreFactory) async throws {
        let stores = try await factory()
        let recording = try await Seed.recording(stores, bytes: [1, 2, 3])
        let first = Transcript(language: "fr", plainText: "Bonjour.")
        // Expecting a revision of a transcript that does not exist yet.
        let early = await #expect(throws: StorageError.self) {
            _ = try await stores.transcripts.saveTranscript(first, recordingId: recording.id, change: .text, authorId: nil, expectedRevision: 1)
        }
        #expect(early?.code == .conflict)
        _ = try await stores.transcripts.saveTranscript(first, recordingId: recording.id, change: .text, authorId: nil, expectedRevision: 0)
        _ = try await stores.transcripts.saveTranscript(first, recordingId: recording.id, change: .text, authorId: nil, expectedRevision: 1)
        // A save based on an old revision is refused: someone saved in between.
        let stale = await #expect(throws: StorageError.self) {
            _ = try await stores.transcripts.saveTranscript(first, recordingId: recording.id, change: .text, authorId: nil, expectedRevision: 1)
        }
        #expect(stale?.code == .conflict)
        let missing = await #expect(throws: StorageError.self) {
            _ = try await stores.transcripts.saveTranscript(first, recordingId: "nope", change: .text, authorId: nil)
        }
        #expect(missing?.code == .notFound)
        #expect(try await stores.transcripts.transcriptRevisions(recordingId: recording.id, language: "fr").count == 2)
    }

    public static func concurrentSaves(_ factory: StoreFactory) async throws {
        let stores = try await factory()
        let recording = try await Seed.recording(stores, bytes: [1, 2, 3])
        _ = try await stores.transcripts.saveTranscript(Transcript(language: "fr", plainText: "Un."), recordingId: recording.id,
                                                        change: .text, authorId: nil)
        let gate = StartingGate(count: 4)
        let kept = try await withThrowingTaskGroup(of: String?.self) { group in
            for text in ["Deux.", "Trois.", "Quatre.", "Cinq."] {
                group.addTask {
                    await gate.wait()
                    do {
                        _ = try await stores.transcripts.saveTranscript(Transcript(language: "fr", plainText: text), recordingId: recording.id,
                                                                        change: .text, authorId: nil, expectedRevision: 1)
                        return text
                    } catch let error as StorageError where error.code == .conflict {
                        return nil
                    }
                }
            }
            return try await group.reduce(into: [String]()) { if let text = $1 { $0.append(text) } }
        }
        #expect(kept.count == 1)
        let current = try await stores.transcripts.transcript(recordingId: recording.id, language: "fr")
        #expect(current?.revision == 2 && current?.transcript.text == kept.first)
    }

    public static func deleteTranscript(_ factory: StoreFactory) async throws {
        let stores = try await factory()
        let recording = try await Seed.recording(stores, bytes: [1, 2, 3])
        for text in ["Un.", "Deux."] {
            _ = try await stores.transcripts.saveTranscript(Transcript(language: "fr", plainText: text), recordingId: recording.id,
                                                            change: .text, authorId: nil)
        }
        _ = try await stores.transcripts.saveTranscript(Transcript(language: "ar", plainText: "واحد."), recordingId: recording.id,
                                                        change: .text, authorId: nil)
        #expect(try await stores.transcripts.deleteTranscript(recordingId: recording.id, language: "fr"))
        #expect(try await !stores.transcripts.deleteTranscript(recordingId: recording.id, language: "fr"))
        #expect(try await !stores.transcripts.deleteTranscript(recordingId: ResourceID.generate(), language: "fr"))
        #expect(try await stores.transcripts.transcript(recordingId: recording.id, language: "fr") == nil)
        #expect(try await stores.transcripts.transcript(recordingId: recording.id, language: "fr", revision: 1) == nil)
        #expect(try await stores.transcripts.transcriptRevisions(recordingId: recording.id, language: "fr").isEmpty)
        #expect(try await stores.transcripts.transcripts(recordingId: recording.id).map(\.transcript.language) == ["ar"])
        #expect(try await stores.transcripts.searchTranscripts("deux", visibleTo: Viewer(personId: "root", role: .admin)).isEmpty)
        // Saved again, it starts from revision 1.
        let again = try await stores.transcripts.saveTranscript(Transcript(language: "fr", plainText: "Trois."), recordingId: recording.id,
                                                                change: .text, authorId: nil, expectedRevision: 0)
        #expect(again.revision == 1)
    }

    public static func cascade(_ factory: StoreFactory) async throws {
        let stores = try await factory()
        for withdraw in [false, true] {
            let recording = try await Seed.recording(stores, bytes: [withdraw ? 9 : 8])
            _ = try await stores.transcripts.saveTranscript(timed("Une histoire de la route."), recordingId: recording.id, change: .align, authorId: nil)
            _ = try await stores.transcripts.saveTranscript(timed("Une histoire de la route, encore."), recordingId: recording.id,
                                                            change: .align, authorId: nil)
            if withdraw {
                _ = try await stores.recordings.withdraw(id: recording.id, by: nil, now: Date(), unreferenced: { _ in })
            } else {
                _ = try await stores.recordings.delete(id: recording.id, unreferenced: { _ in })
            }
            #expect(try await stores.transcripts.transcript(recordingId: recording.id, language: "fr") == nil)
            #expect(try await stores.transcripts.transcript(recordingId: recording.id, language: "fr", revision: 1) == nil)
            #expect(try await stores.transcripts.transcriptRevisions(recordingId: recording.id, language: "fr").isEmpty)
        }
        #expect(try await stores.transcripts.searchTranscripts("route", visibleTo: Viewer(personId: "root", role: .admin)).isEmpty)
    }
}

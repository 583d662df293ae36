import Foundation
import Storage
import Testing
import Transcripts

extension SyncStoreConformance {
    public static func deletions(_ factory: StoreFactory) async throws {
        let (stores, learner, group) = try await setUp(factory)
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        let gone = try await Seed.recording(stores, bytes: [5, 5], owner: learner, group: group, visibility: .group)
        let before = try await stores.sync!.changes(after: 0, excludingOrigin: nil).lastSeq
        _ = try await stores.recordings.delete(id: gone.id, unreferenced: { _ in })
        let noted = try await stores.sync!.deletions(groupId: group.id)
        #expect(noted.map(\.kind) == [.recording] && noted.first?.recordingId == gone.id)
        #expect(try await stores.sync!.changes(after: before, excludingOrigin: nil).changes.map(\.itemId) == [noted[0].itemId])
        // A stale copy (a bundle made before the deletion) does not bring it back.
        var stale = SyncBatch(pair: SyncPair(groupId: group.id, key: [1]))
        stale.consents = [Consent(recordingId: gone.id, personId: learner.id, visibility: .group, method: .tap)]
        stale.recordings = [SyncedRecording(recording: gone, sharingChangedAt: 1)]
        var report = try await stores.sync!.apply(stale, rule: .standard, beforeEachItem: {}, unreferenced: { _ in })
        #expect(report.recordingsAdded == 0 && report.skipped == 2)
        #expect(try await stores.recordings.recording(id: gone.id) == nil)

        // Deletions from the other side: a recording here goes with its files; one of another group stays.
        let held = try await Seed.recording(stores, bytes: [6, 6], owner: learner, group: group, visibility: .group)
        let elsewhere = try await Seed.group(stores, "centre", members: [learner])
        let other = try await Seed.recording(stores, bytes: [7, 7], owner: learner, group: elsewhere, visibility: .group)
        func saved(_ text: String, at seconds: Double) async throws {
            _ = try await stores.transcripts.saveTranscript(Transcript(language: "fr", plainText: text), recordingId: held.id, change: .text,
                                                            authorId: nil, expectedRevision: nil, now: start.addingTimeInterval(seconds))
        }
        try await saved("Avant.", at: 10)
        try await saved("Après.", at: 30)
        var batch = SyncBatch(pair: SyncPair(groupId: group.id, key: [1]))
        batch.deletions = [SyncDeletion(kind: .recording, recordingId: other.id, deletedAt: 5),
                           SyncDeletion(kind: .transcript, recordingId: held.id, language: "fr", deletedAt: start.addingTimeInterval(20).millisecondsSince1970)]
        report = try await stores.sync!.apply(batch, rule: .standard, beforeEachItem: {}, unreferenced: { _ in })
        #expect(report.skipped == 1 && report.deleted == 0)
        #expect(try await stores.recordings.recording(id: other.id) != nil)
        // The revision saved before the deletion is gone; the one saved after stays, current.
        #expect(try await stores.sync!.transcriptRevisions(recordingId: held.id).map(\.transcript.text) == ["Après."])
        #expect(try await stores.transcripts.transcript(recordingId: held.id, language: "fr")?.transcript.text == "Après.")
        let transcriptDeletion = try #require(try await stores.sync!.deletions(groupId: group.id).first { $0.kind == .transcript })
        #expect(transcriptDeletion.deletedAt == start.addingTimeInterval(20).millisecondsSince1970)
        // A stale revision is refused; a later one arrives.
        func revision(_ text: String, at seconds: Double) -> SyncTranscriptRevision {
            SyncTranscriptRevision(syncId: ResourceID.generate(), parents: [], recordingId: held.id, change: .text, authorId: nil,
                                   createdAt: start.addingTimeInterval(seconds), transcript: Transcript(language: "fr", plainText: text))
        }
        batch.deletions = []
        batch.transcriptRevisions = [revision("Vieux.", at: 15), revision("Neuf.", at: 40)]
        report = try await stores.sync!.apply(batch, rule: .standard, beforeEachItem: {}, unreferenced: { _ in })
        #expect(report.revisionsAdded == 1 && report.skipped == 1)
        #expect(try await stores.transcripts.transcript(recordingId: held.id, language: "fr")?.transcript.text == "Neuf.")
        // The recording's deletion: its file goes when no row shares it; nothing about it stays.
        batch.transcriptRevisions = []
        batch.deletions = [SyncDeletion(kind: .recording, recordingId: held.id, deletedAt: 9)]
        let removed = FileLedger()
        report = try await stores.sync!.apply(batch, rule: .standard, beforeEachItem: {}, unreferenced: { blob in
            if case .audio(let hash) = blob { removed.remove(hash) }
        })
        #expect(report.deleted == 1 && removed.events == ["remove:\(held.sha256)"])
        #expect(try await stores.recordings.recording(id: held.id) == nil)
        #expect(try await stores.sync!.transcriptRevisions(recordingId: held.id).isEmpty)
        #expect(Set(try await stores.sync!.deletions(groupId: group.id).map(\.recordingId)) == [gone.id, held.id])
        // A deleted transcript here is noted with its time.
        let kept = try await Seed.recording(stores, bytes: [8, 8], owner: learner, group: group, visibility: .group)
        _ = try await stores.transcripts.saveTranscript(Transcript(language: "fr", plainText: "x"), recordingId: kept.id, change: .text, authorId: nil)
        #expect(try await stores.transcripts.deleteTranscript(recordingId: kept.id, language: "fr"))
        #expect(try await stores.sync!.deletions(groupId: group.id).contains { $0.kind == .transcript && $0.recordingId == kept.id && $0.deletedAt > 0 })
    }
}

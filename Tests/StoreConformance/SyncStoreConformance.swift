import Exercises
import Foundation
import Storage
import Synchronization
import Testing
import Transcripts

/// `SyncStore`: this server's id, pairs, the change log, and applying a batch in one transaction.
public enum SyncStoreConformance {
    public static let cases: [ConformanceCase] = [
        ConformanceCase("a server keeps one id of its own; a pair reads back as saved", identityAndPairs),
        ConformanceCase("every change that travels is logged, whichever code made it; entries from a peer are left out for it", changeLog),
        ConformanceCase("a batch stopped at any item leaves nothing, and its pair unsaved", rollback),
        ConformanceCase("a batch's withdrawal deletes the recording and its files here and stops a copy in the same batch", withdrawal),
        ConformanceCase("a batch never touches a recording of another group (or of none)", otherGroups),
        ConformanceCase("sharing: a change here moves the clock; from a batch the later change wins, the narrower on a tie", sharing),
        ConformanceCase("arriving attempts replay the learner's progress through the rule", replay),
        ConformanceCase("scenario revisions merge by id: the head saved last is current, two heads a conflict the editor shows, a save settles it",
                        scenarios),
        ConformanceCase("edits: a change here moves the row's clock; from a batch the later edit wins, the larger values on a tie; secrets stay",
                        edits),
        ConformanceCase("deletions: noted whichever code deletes; from a batch they delete here (files too), and no stale copy brings back what they deleted",
                        deletions),
        ConformanceCase("a level set by hand is an event that travels; progress is replayed from the latest one and the attempts made since",
                        levelSettings),
        ConformanceCase("spoken labels: recorded and removed here are logged; from a batch the later change wins, a removal on a tie; a take arrives with its row and goes when no label plays it",
                        spokenLabels),
        ConformanceCase("photos: an edit of their person or group; from a batch the later wins with its record, a photo nobody shows goes once committed",
                        photos),
        ConformanceCase("scenario progress: a step done without an attempt is logged; from a batch the later answer wins; attempts at shipped audio arrive and replay",
                        scenarioProgress),
    ]

    static func setUp(_ factory: StoreFactory) async throws -> (Stores, Person, LearningGroup) {
        let stores = try await factory()
        let learner = try await Seed.person(stores, "amina")
        let group = try await Seed.group(stores, "camp", members: [learner])
        return (stores, learner, group)
    }

    public static func identityAndPairs(_ factory: StoreFactory) async throws {
        let one = try await factory(), two = try await factory()
        let id = try await one.sync!.serverId()
        let again = try await one.sync!.serverId(), other = try await two.sync!.serverId()
        #expect(!id.isEmpty && id == again && id != other)
        #expect(try await one.sync!.pair(groupId: "g") == nil)
        let pair = SyncPair(groupId: "g", key: Array(repeating: 7, count: 32), peerServerId: "peer", sentUpTo: 5, peerReceivedUpTo: 4,
                            receivedUpTo: 9, lastExchangeAt: Date(), pairedAt: Date())
        try await one.sync!.save(pair)
        #expect(try await one.sync!.pair(groupId: "g") == pair)
        #expect(try await one.sync!.pairs() == [pair])
    }

    public static func changeLog(_ factory: StoreFactory) async throws {
        let (stores, learner, group) = try await setUp(factory)
        let start = try await stores.sync!.changes(after: 0, excludingOrigin: nil).lastSeq
        let recording = try await Seed.recording(stores, bytes: [1, 2, 3], owner: learner, group: group)
        try await stores.recordings.insert(Consent(recordingId: recording.id, personId: learner.id, visibility: .group, method: .tap))
        _ = try await stores.transcripts.saveTranscript(Transcript(language: "fr", plainText: "Bonjour."), recordingId: recording.id,
                                                        change: .text, authorId: nil)
        _ = try await stores.progress.record(Attempt(personId: learner.id, recordingId: recording.id, language: "fr", revision: 1,
                                                     kind: .dictation, segment: 0, level: .beginner, answer: AttemptAnswer(text: "x"), score: 50))
        let (changes, last) = try await stores.sync!.changes(after: start, excludingOrigin: nil)
        #expect(changes.map(\.kind) == [.recording, .consent, .transcriptRevision, .attempt])
        #expect(changes[0].itemId == recording.id && changes[1].itemId == recording.id && last == changes.last?.seq)
        let revision = try await stores.sync!.transcriptRevision(localId: Int64(changes[2].itemId)!)
        #expect(revision?.recordingId == recording.id && revision?.parents == [] && revision?.transcript.text == "Bonjour.")
        #expect(try await stores.sync!.changes(after: last, excludingOrigin: nil).changes.isEmpty)
    }

    public static func rollback(_ factory: StoreFactory) async throws {
        let (stores, learner, group) = try await setUp(factory)
        let before = try await stores.sync!.changes(after: 0, excludingOrigin: nil).lastSeq
        var batch = SyncBatch(pair: SyncPair(groupId: group.id, key: [1], peerServerId: "peer", receivedUpTo: 3))
        let stranger = Person(name: "yasmin", displayName: "Yasmin", role: .learner)
        batch.people = [stranger]
        batch.memberships = [Membership(groupId: group.id, personId: stranger.id)]
        let recording = Seed.row(owner: learner, group: group, visibility: .group)
        batch.consents = [Consent(recordingId: recording.id, personId: learner.id, visibility: .group, method: .tap)]
        batch.recordings = [SyncedRecording(recording: recording, sharingChangedAt: 1)]
        struct Stop: Error {}
        for stopAt in 1...4 {  // one person, one membership, one consent, one recording
            let count = CallCounter()
            await #expect(throws: Stop.self) {
                _ = try await stores.sync!.apply(batch, rule: .standard, beforeEachItem: {
                    count.add()
                    if count.value == stopAt { throw Stop() }
                }, unreferenced: { _ in })
            }
            #expect(try await stores.people.person(id: stranger.id) == nil)
            #expect(try await stores.recordings.recording(id: recording.id) == nil)
            #expect(try await stores.recordings.consents(recordingId: recording.id).isEmpty)
            #expect(try await stores.sync!.pair(groupId: group.id) == nil)
            #expect(try await stores.sync!.changes(after: 0, excludingOrigin: nil).lastSeq == before)
        }
        let report = try await stores.sync!.apply(batch, rule: .standard, beforeEachItem: {}, unreferenced: { _ in })
        #expect(report.recordingsAdded == 1)
        #expect(try await stores.people.members(of: group.id).count == 2)
        #expect(try await stores.sync!.pair(groupId: group.id)?.receivedUpTo == 3)
        // What arrived is the peer's: never sent back there, but to anyone else.
        #expect(try await stores.sync!.changes(after: before, excludingOrigin: "peer").changes.isEmpty)
        let forOthers = try await stores.sync!.changes(after: before, excludingOrigin: "other").changes
        #expect(!forOthers.isEmpty)
        #expect(try await stores.sync!.recordingsKnown(to: "peer", among: [recording.id, "x"]) == [recording.id])
    }

    public static func withdrawal(_ factory: StoreFactory) async throws {
        let (stores, learner, group) = try await setUp(factory)
        let held = try await Seed.recording(stores, bytes: [4, 5, 6], owner: learner, group: group, visibility: .group)
        let copy = Seed.row(owner: learner, group: group, visibility: .group)
        var batch = SyncBatch(pair: SyncPair(groupId: group.id, key: [1]))
        batch.tombstones = [Tombstone(recordingId: held.id, ownerId: learner.id, withdrawnBy: learner.id),
                            Tombstone(recordingId: copy.id, ownerId: learner.id, withdrawnBy: learner.id)]
        batch.consents = [Consent(recordingId: copy.id, personId: learner.id, visibility: .group, method: .tap)]
        batch.recordings = [SyncedRecording(recording: copy, sharingChangedAt: 1)]
        let removed = FileLedger()
        let report = try await stores.sync!.apply(batch, rule: .standard, beforeEachItem: {}, unreferenced: { blob in
            if case .audio(let hash) = blob { removed.remove(hash) }
        })
        #expect(report.recordingsWithdrawn == 1 && report.recordingsAdded == 0)
        #expect(try await stores.recordings.recording(id: held.id) == nil)
        #expect(try await stores.recordings.recording(id: copy.id) == nil)
        #expect(removed.events == ["remove:\(held.sha256)"])
        #expect(Set(try await stores.sync!.tombstones().map(\.recordingId)) == [held.id, copy.id])
    }

    public static func otherGroups(_ factory: StoreFactory) async throws {
        let (stores, learner, group) = try await setUp(factory)
        let elsewhere = try await Seed.group(stores, "centre", members: [learner])
        let other = try await Seed.recording(stores, bytes: [1, 1], owner: learner, group: elsewhere, visibility: .group)
        let loose = try await Seed.recording(stores, bytes: [2, 2], owner: learner, visibility: .group)
        var batch = SyncBatch(pair: SyncPair(groupId: group.id, key: [1]))
        batch.tombstones = [Tombstone(recordingId: other.id, ownerId: learner.id, withdrawnBy: nil),
                            Tombstone(recordingId: loose.id, ownerId: learner.id, withdrawnBy: nil)]
        batch.sharings = [SyncedSharing(recordingId: other.id, visibility: .private, sharedWithMentor: false, changedAt: .max)]
        batch.attempts = [Attempt(personId: learner.id, recordingId: other.id, language: "fr", revision: 1, kind: .dictation, segment: 0,
                                  level: .beginner, answer: AttemptAnswer(text: "x"), score: 90)]
        let report = try await stores.sync!.apply(batch, rule: .standard, beforeEachItem: {}, unreferenced: { _ in })
        #expect(report.skipped == 4 && report.recordingsWithdrawn == 0)
        #expect(try await stores.recordings.recording(id: other.id)?.visibility == .group)
        #expect(try await stores.recordings.recording(id: loose.id) != nil)
        #expect(try await stores.sync!.tombstones().isEmpty)
        #expect(try await stores.sync!.attempts(recordingId: other.id).isEmpty)
    }

    public static func sharing(_ factory: StoreFactory) async throws {
        let (stores, learner, group) = try await setUp(factory)
        let recording = try await Seed.recording(stores, bytes: [7, 8], owner: learner, group: group)
        #expect(try await stores.sync!.syncedRecording(id: recording.id)?.sharingChangedAt == 0)
        _ = try await stores.recordings.setVisibility(id: recording.id, visibility: .group, sharedWithMentor: false)
        let clock = try await stores.sync!.syncedRecording(id: recording.id)!.sharingChangedAt
        #expect(clock > 0)
        func apply(_ visibility: Visibility, at changedAt: Int64) async throws -> SyncedRecording {
            var batch = SyncBatch(pair: SyncPair(groupId: group.id, key: [1]))
            batch.sharings = [SyncedSharing(recordingId: recording.id, visibility: visibility, sharedWithMentor: false, changedAt: changedAt)]
            _ = try await stores.sync!.apply(batch, rule: .standard, beforeEachItem: {}, unreferenced: { _ in })
            return try await stores.sync!.syncedRecording(id: recording.id)!
        }
        #expect(try await apply(.private, at: clock - 1).recording.visibility == .group)
        #expect(try await apply(.network, at: clock).recording.visibility == .group)
        let narrowed = try await apply(.private, at: clock)
        #expect(narrowed.recording.visibility == .private && narrowed.sharingChangedAt == clock)
        #expect(try await apply(.group, at: clock + 5).sharingChangedAt == clock + 5)
    }

    public static func replay(_ factory: StoreFactory) async throws {
        let (stores, learner, group) = try await setUp(factory)
        let recording = try await Seed.recording(stores, bytes: [9], owner: learner, group: group)
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        _ = try await stores.progress.record(Attempt(personId: learner.id, recordingId: recording.id, language: "fr", revision: 1,
                                                     kind: .dictation, segment: 0, level: .beginner, answer: AttemptAnswer(text: "x"),
                                                     score: 90, createdAt: start.addingTimeInterval(10)))
        // An earlier pass made elsewhere arrives: the two passes now move the learner up, from the later one.
        var batch = SyncBatch(pair: SyncPair(groupId: group.id, key: [1]))
        batch.attempts = [Attempt(personId: learner.id, recordingId: recording.id, language: "fr", revision: 1, kind: .dictation, segment: 0,
                                  level: .beginner, answer: AttemptAnswer(text: "x"), score: 85, createdAt: start)]
        let report = try await stores.sync!.apply(batch, rule: .standard, beforeEachItem: {}, unreferenced: { _ in })
        #expect(report.attemptsAdded == 1)
        let progress = try await stores.progress.progress(personId: learner.id, recordingId: recording.id)
        #expect(progress?.level == .intermediate && progress?.levelSince == start.addingTimeInterval(10))
    }
}

/// How many times something happened, from any thread.
final class CallCounter: Sendable {
    private let count = Mutex(0)

    func add() { count.withLock { $0 += 1 } }
    var value: Int { count.withLock { $0 } }
}

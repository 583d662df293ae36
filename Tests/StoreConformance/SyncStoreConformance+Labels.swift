import Foundation
import Storage
import Testing

extension SyncStoreConformance {
    public static func spokenLabels(_ factory: StoreFactory) async throws {
        let stores = try await factory()
        let trainer = try await Seed.person(stores, "nadia", .trainer)
        let group = try await Seed.group(stores, "camp")
        let start = try await stores.sync!.changes(after: 0, excludingOrigin: nil).lastSeq
        // Recorded here: logged, its state read back with its clock.
        let take = try await Seed.recording(stores, bytes: [1, 7], owner: trainer)
        let recordedAt = Date(timeIntervalSince1970: 1_800_000_000)
        _ = try await stores.labels.publishSpokenLabel(SpokenLabel(language: "fr", key: "record", recordingId: take.id, recordedBy: trainer.id,
                                                                   recordedAt: recordedAt))
        let logged = try await stores.sync!.changes(after: start, excludingOrigin: nil).changes.filter { $0.kind == .spokenLabel }
        #expect(Set(logged.map(\.itemId)) == ["fr record"])
        #expect(try await stores.sync!.syncedSpokenLabels(itemIds: ["fr record", "fr keep", "nonsense"])
            == [SyncSpokenLabel(language: "fr", key: "record", recordingId: take.id, recordedBy: trainer.id, changedAt: recordedAt.millisecondsSince1970)])
        // Removed here: a removal later than the take, logged.
        let beforeRemoval = try await stores.sync!.changes(after: 0, excludingOrigin: nil).lastSeq
        _ = try await stores.labels.removeSpokenLabel(language: "fr", key: "record")
        let removal = try #require(try await stores.sync!.syncedSpokenLabels(itemIds: ["fr record"]).first)
        #expect(removal.recordingId == nil && removal.changedAt > recordedAt.millisecondsSince1970)
        #expect(try await stores.sync!.changes(after: beforeRemoval, excludingOrigin: nil).changes.map(\.itemId).contains("fr record"))

        func apply(_ labels: [SyncSpokenLabel], removed: FileLedger = FileLedger()) async throws -> SyncApplyReport {
            var batch = SyncBatch(pair: SyncPair(groupId: group.id, key: [1], peerServerId: "peer"))
            batch.spokenLabels = labels
            return try await stores.sync!.apply(batch, rule: .standard, beforeEachItem: {}, unreferenced: { blob in
                if case .audio(let hash) = blob { removed.remove(hash) }
            })
        }
        // An older take loses to the removal; a later one arrives with its row: public, of no group,
        // owned by nobody here (its speaker is not a person here), whatever the row said.
        var theirs = Seed.row(title: "camp voice", visibility: .private)
        theirs.ownerId = "someone-else"
        theirs.groupId = group.id
        let older = SyncSpokenLabel(language: "fr", key: "record", recordingId: theirs.id, recordedBy: "someone-else",
                                    changedAt: removal.changedAt - 1, recording: theirs)
        #expect(try await apply([older]).skipped == 1)
        #expect(try await stores.recordings.recording(id: theirs.id) == nil)
        var later = older
        later.changedAt = removal.changedAt + 10
        let beforeLater = try await stores.sync!.changes(after: 0, excludingOrigin: nil).lastSeq
        #expect(try await apply([later]).labelsChanged == 1)
        let label = try #require(try await stores.labels.spokenLabels(language: "fr").first)
        #expect(label.recordingId == theirs.id && label.recordedBy == nil && label.recordedAt.millisecondsSince1970 == later.changedAt)
        let copy = try #require(try await stores.recordings.recording(id: theirs.id))
        #expect(copy.visibility == .public && copy.groupId == nil && copy.ownerId == nil)
        // What arrived is the peer's: never sent back there.
        #expect(try await stores.sync!.changes(after: beforeLater, excludingOrigin: "peer").changes.isEmpty)
        #expect(try await stores.sync!.changes(after: beforeLater, excludingOrigin: nil).changes.contains { $0.kind == .spokenLabel })
        // The same millisecond: a removal wins over a take, the larger recording id between takes.
        let other = Seed.row(visibility: .public)
        let tie = SyncSpokenLabel(language: "fr", key: "record", recordingId: other.id, recordedBy: nil, changedAt: later.changedAt, recording: other)
        _ = try await apply([tie])
        #expect(try await stores.labels.spokenLabels(language: "fr").first?.recordingId == max(other.id, theirs.id))
        // A newer removal wins: the copy nobody here owns goes, its file once committed.
        let current = try #require(try await stores.labels.spokenLabels(language: "fr").first?.recordingId)
        let currentRow = try #require(try await stores.recordings.recording(id: current))
        let removed = FileLedger()
        let report = try await apply([SyncSpokenLabel(language: "fr", key: "record", recordingId: nil, recordedBy: nil, changedAt: later.changedAt + 1)],
                                     removed: removed)
        #expect(report.labelsChanged == 1)
        #expect(try await stores.labels.spokenLabels(language: "fr").isEmpty)
        #expect(try await stores.recordings.recording(id: current) == nil)
        #expect(removed.events == ["remove:\(currentRow.sha256)"])
        #expect(try await stores.sync!.syncedSpokenLabels(itemIds: ["fr record"]).first?.changedAt == later.changedAt + 1)
        // A take recorded here after a removal with a clock ahead is later still (it wins on both sides as here).
        let again = try await Seed.recording(stores, bytes: [2, 7], owner: trainer)
        _ = try await stores.labels.publishSpokenLabel(SpokenLabel(language: "fr", key: "record", recordingId: again.id, recordedBy: trainer.id,
                                                                   recordedAt: recordedAt))
        #expect(try await stores.sync!.syncedSpokenLabels(itemIds: ["fr record"]).first?.changedAt == later.changedAt + 2)
        // A later take from the other side: the take held here, owned by its speaker here, becomes theirs alone.
        let newer = Seed.row(visibility: .public)
        _ = try await apply([SyncSpokenLabel(language: "fr", key: "record", recordingId: newer.id, recordedBy: trainer.id,
                                             changedAt: later.changedAt + 3, recording: newer)])
        #expect(try await stores.recordings.recording(id: again.id)?.visibility == .private)
        #expect(try await stores.labels.spokenLabels(language: "fr").first?.recordedBy == trainer.id)
        // A label never plays a recording held here that is not public, nor a group's (someone's story).
        let story = try await Seed.recording(stores, bytes: [3, 7], owner: trainer, group: group)
        #expect(try await apply([SyncSpokenLabel(language: "fr", key: "keep", recordingId: story.id, recordedBy: nil, changedAt: .max)]).skipped == 1)
        _ = try await stores.recordings.setVisibility(id: story.id, visibility: .public, sharedWithMentor: false)
        #expect(try await apply([SyncSpokenLabel(language: "fr", key: "keep", recordingId: story.id, recordedBy: nil, changedAt: .max)]).skipped == 1)
        #expect(try await stores.labels.spokenLabels(language: "fr").map(\.key) == ["record"])
    }
}

import Foundation
import Storage
import Testing

extension SyncStoreConformance {
    public static func edits(_ factory: StoreFactory) async throws {
        let (stores, learner, group) = try await setUp(factory)
        let recording = try await Seed.recording(stores, bytes: [3, 1], owner: learner, group: group)
        var secret = learner
        secret.passwordHash = "kept-here"
        try await stores.people.save(secret)
        #expect(try await stores.sync!.editClocks(.person, ids: [learner.id]).isEmpty)  // a password is no edit that travels
        let before = try await stores.sync!.changes(after: 0, excludingOrigin: nil).lastSeq
        var renamed = secret
        renamed.displayName = "Amina B."
        try await stores.people.save(renamed)
        var retitled = group
        retitled.name = "Aire des Saules"
        try await stores.people.save(retitled)
        _ = try await stores.recordings.update(id: recording.id, title: "Le marché", language: nil, picture: nil)
        let personClock = try #require(try await stores.sync!.editClocks(.person, ids: [learner.id, "x"]).first)
        let groupClock = try #require(try await stores.sync!.editClocks(.group, ids: [group.id]).first)
        let recordingClock = try #require(try await stores.sync!.editClocks(.recording, ids: [recording.id]).first)
        #expect(personClock.itemId == learner.id && personClock.editedAt > 0 && groupClock.editedAt > 0 && recordingClock.editedAt > 0)
        let logged = try await stores.sync!.changes(after: before, excludingOrigin: nil).changes
        #expect(Set(logged.map { "\($0.kind) \($0.itemId)" }) == ["person \(learner.id)", "group \(group.id)", "recording \(recording.id)"])

        func apply(_ person: Person, _ group: LearningGroup, _ row: Recording, at clocks: (Int64, Int64, Int64)) async throws -> SyncApplyReport {
            var batch = SyncBatch(pair: SyncPair(groupId: group.id, key: [1], peerServerId: "peer"))
            batch.people = [person]
            batch.groups = [group]
            batch.recordings = [try await stores.sync!.syncedRecording(id: row.id)!]
            batch.recordings[0].recording = row
            batch.editClocks = [SyncEditClock(kind: .person, itemId: person.id, editedAt: clocks.0),
                                SyncEditClock(kind: .group, itemId: group.id, editedAt: clocks.1),
                                SyncEditClock(kind: .recording, itemId: row.id, editedAt: clocks.2)]
            return try await stores.sync!.apply(batch, rule: .standard, beforeEachItem: {}, unreferenced: { _ in })
        }
        var theirs = learner
        theirs.displayName = "Amina (camp)"
        theirs.passwordHash = "from-there"
        var theirGroup = group
        theirGroup.name = "Saules (camp)"
        var theirRow = recording
        theirRow.title = "Au marché"
        // Older edits lose, and the later ones here are logged again to go back (the other side may lack them).
        let beforeOlder = try await stores.sync!.changes(after: 0, excludingOrigin: nil).lastSeq
        var report = try await apply(theirs, theirGroup, theirRow, at: (personClock.editedAt - 1, groupClock.editedAt - 1, recordingClock.editedAt - 1))
        #expect(report.edited == 0)
        let answered = try await stores.sync!.changes(after: beforeOlder, excludingOrigin: "peer").changes
        #expect(Set(answered.map { "\($0.kind) \($0.itemId)" }) == ["person \(learner.id)", "group \(group.id)", "recording \(recording.id)"])
        #expect(try await stores.people.person(id: learner.id)?.displayName == "Amina B.")
        #expect(try await stores.people.group(id: group.id)?.name == "Aire des Saules")
        #expect(try await stores.recordings.recording(id: recording.id)?.title == "Le marché")
        // The same millisecond: the larger values win, compared in order.
        report = try await apply(theirs, theirGroup, theirRow, at: (personClock.editedAt, groupClock.editedAt, recordingClock.editedAt))
        #expect(try await stores.people.person(id: learner.id)?.displayName == "Amina B.")  // "Amina B." > "Amina (camp)"
        #expect(try await stores.people.group(id: group.id)?.name == "Saules (camp)")  // "Saules…" > "Aire…"
        #expect(try await stores.recordings.recording(id: recording.id)?.title == "Le marché")  // "Le…" > "Au…"
        #expect(report.edited == 1)
        #expect(try await stores.sync!.editClocks(.group, ids: [group.id]).first?.editedAt == groupClock.editedAt)
        // Later edits win, with their clock; sign-in secrets stay as they are here.
        let beforeLater = try await stores.sync!.changes(after: 0, excludingOrigin: nil).lastSeq
        report = try await apply(theirs, theirGroup, theirRow, at: (personClock.editedAt + 5, groupClock.editedAt + 5, recordingClock.editedAt + 5))
        #expect(report.edited == 2)  // the group holds that name already
        let person = try #require(try await stores.people.person(id: learner.id))
        #expect(person.displayName == "Amina (camp)" && person.passwordHash == "kept-here")
        #expect(try await stores.recordings.recording(id: recording.id)?.title == "Au marché")
        #expect(try await stores.sync!.editClocks(.person, ids: [learner.id]).first?.editedAt == personClock.editedAt + 5)
        #expect(try await stores.sync!.editClocks(.recording, ids: [recording.id]).first?.editedAt == recordingClock.editedAt + 5)
        // What arrived is the peer's: never sent back there.
        #expect(try await stores.sync!.changes(after: beforeLater, excludingOrigin: "peer").changes.isEmpty)
        #expect(try await stores.sync!.changes(after: beforeLater, excludingOrigin: nil).changes.count >= 3)
        // A later name another person holds here stops the batch, which changes nothing.
        let other = try await Seed.person(stores, "yasmin")
        var taken = theirs
        taken.name = other.name
        await #expect(throws: StorageError.self) {
            _ = try await apply(taken, theirGroup, theirRow, at: (personClock.editedAt + 9, 0, 0))
        }
        #expect(try await stores.people.person(id: learner.id)?.name == learner.name)
    }
}

import Foundation
import Storage
import Testing

extension SyncStoreConformance {
    public static func photos(_ factory: StoreFactory) async throws {
        let (stores, learner, group) = try await setUp(factory)
        let mine = Picture(sha256: Seed.fakeHash(), contentType: "image/png", byteSize: 40)
        let before = try await stores.sync!.changes(after: 0, excludingOrigin: nil).lastSeq
        _ = try await stores.photos.setPhoto(mine, for: .person(learner.id), publish: {}, unreferenced: { _ in })
        _ = try await stores.photos.setPhoto(mine, for: .group(group.id), publish: {}, unreferenced: { _ in })
        // A photo is an edit of its person or group: logged, with the row's clock moved.
        let logged = try await stores.sync!.changes(after: before, excludingOrigin: nil).changes
        #expect(Set(logged.map { "\($0.kind) \($0.itemId)" }) == ["person \(learner.id)", "group \(group.id)"])
        let personClock = try #require(try await stores.sync!.editClocks(.person, ids: [learner.id]).first).editedAt
        let groupClock = try #require(try await stores.sync!.editClocks(.group, ids: [group.id]).first).editedAt

        let theirs = Picture(sha256: Seed.fakeHash(), contentType: "image/jpeg", byteSize: 99)
        func apply(photo: String?, pictures: [Picture], at clocks: (Int64, Int64), newcomer: Person? = nil,
                   removed: FileLedger = FileLedger()) async throws -> SyncApplyReport {
            var person = try #require(try await stores.people.person(id: learner.id))
            person.avatarPhoto = photo
            var shown = try #require(try await stores.people.group(id: group.id))
            shown.picturePhoto = photo
            var batch = SyncBatch(pair: SyncPair(groupId: group.id, key: [1], peerServerId: "peer"))
            batch.people = [person] + (newcomer.map { [$0] } ?? [])
            batch.groups = [shown]
            batch.pictures = pictures
            batch.editClocks = [SyncEditClock(kind: .person, itemId: learner.id, editedAt: clocks.0),
                                SyncEditClock(kind: .group, itemId: group.id, editedAt: clocks.1)]
            return try await stores.sync!.apply(batch, rule: .standard, beforeEachItem: {}, unreferenced: { blob in
                if case .picture(let hash) = blob { removed.remove(hash) }
            })
        }
        // An older photo loses; the one here goes back.
        #expect(try await apply(photo: theirs.sha256, pictures: [theirs], at: (personClock - 1, groupClock - 1)).edited == 0)
        #expect(try await stores.people.person(id: learner.id)?.avatarPhoto == mine.sha256)
        #expect(try await stores.photos.picture(sha256: theirs.sha256) == nil)
        // A photo named but neither in the batch nor here stops the batch, which changes nothing.
        await #expect(throws: StorageError.self) { _ = try await apply(photo: theirs.sha256, pictures: [], at: (personClock + 5, groupClock + 5)) }
        #expect(try await stores.people.person(id: learner.id)?.avatarPhoto == mine.sha256)
        // A later one wins with its record; the photo nobody shows any more goes, its file once committed.
        let removed = FileLedger()
        var newcomer = Person(name: "yasmin", displayName: "Yasmin", role: .learner)
        newcomer.avatarPhoto = theirs.sha256
        let report = try await apply(photo: theirs.sha256, pictures: [theirs], at: (personClock + 5, groupClock + 5), newcomer: newcomer,
                                     removed: removed)
        #expect(report.edited == 2)
        #expect(try await stores.people.person(id: learner.id)?.avatarPhoto == theirs.sha256)
        #expect(try await stores.people.group(id: group.id)?.picturePhoto == theirs.sha256)
        #expect(try await stores.people.person(id: newcomer.id)?.avatarPhoto == theirs.sha256)
        #expect(try await stores.photos.picture(sha256: theirs.sha256) == theirs)
        #expect(try await stores.photos.picture(sha256: mine.sha256) == nil)
        #expect(removed.events == ["remove:\(mine.sha256)"])
        #expect(try await stores.photos.referencedPictureHashes() == [theirs.sha256])
        // A later removal of the photo wins too.
        _ = try await apply(photo: nil, pictures: [], at: (personClock + 9, groupClock + 9))
        #expect(try await stores.people.person(id: learner.id)?.avatarPhoto == nil)
        #expect(try await stores.photos.referencedPictureHashes() == [theirs.sha256])  // the newcomer still shows it
    }
}

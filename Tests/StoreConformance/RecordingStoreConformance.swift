import Foundation
import Storage
import Testing

/// `RecordingStore`: rows, paging, edits, consents, tombstones, upload keys, and the files rows
/// refer to (the callbacks' promises are in `+Files`, hearing per role in `+Hearing`).
public enum RecordingStoreConformance {
    public static let cases: [ConformanceCase] = [
        ConformanceCase("an inserted row reads back equal, with its sequence number", insertAndRead),
        ConformanceCase("listing is newest first and pages without gaps or repeats", paging),
        ConformanceCase("update changes title and language only; nil for an unknown id", update),
        ConformanceCase("setGroup and setVisibility change only their fields; nil for an unknown id", groupAndVisibility),
        ConformanceCase("consents are listed oldest first; the widest is the owner's own", consents),
        ConformanceCase("an upload key names the recording it was first stored as, per owner, even once withdrawn", uploadKeys),
        ConformanceCase("a taken id or upload key is a conflict: nothing inserted, the new file taken back", insertConflict),
        ConformanceCase("an upload key is claimed by one try at a time: renewed by its holder, taken over once its lease ran out, released by its holder only", uploadKeyClaims),
        ConformanceCase("claims of one key at once: exactly one is granted", concurrentUploadKeyClaims),
        ConformanceCase("referenced hashes, shipped audio and count follow the rows", referencedHashes),
        ConformanceCase("publish runs once, in the write; a failing publish inserts nothing and spares a twin's file", publishFailure),
        ConformanceCase("delete hands back only the files no other row shares, once the row is gone", deleteReleasesFiles),
        ConformanceCase("withdraw leaves a tombstone, drops consents, hands back unshared files", withdrawReleasesFiles),
        ConformanceCase("a failing unreferenced callback never brings a deleted or withdrawn row back", failingRemoverKeepsDeletion),
        ConformanceCase("twins deleted at once: exactly one deletion hands back their file", concurrentTwinDeletions),
        ConformanceCase("publishing a twin and deleting the last row of its bytes never interleave", publishAgainstDelete),
        ConformanceCase("hearing: each role hears what the authority table says, in lists and by id", hearingPerRole),
        ConformanceCase("hearing: a mentor hears what is shared with the pair only while it is active", mentorHearing),
        ConformanceCase("hearing: lists leave out scenario audio and spoken labels, newest first, paged", hearingLists),
        ConformanceCase("hearing: a public recording made private is at once hidden from those who may not hear it", narrowingHoldsAtOnce),
        ConformanceCase("hearing: what changes who hears a recording holds at a signed-in viewer's next read", signedInHearingChangesAtOnce),
    ]

    public static func insertAndRead(_ factory: StoreFactory) async throws {
        let stores = try await factory()
        let owner = try await Seed.person(stores, "amina")
        let group = try await Seed.group(stores, "Classe", members: [owner])
        var row = Seed.row(title: "Chez le médecin", owner: owner, group: group, visibility: .group, sharedWithMentor: true, peaks: Seed.fakeHash())
        row.loudnessLUFS = -23.5
        row.truePeakDBTP = -3.25
        row.gainDB = 5.5
        let inserted = try await Seed.insert(stores, row)
        #expect(inserted.seq != nil)
        var expected = row
        expected.seq = inserted.seq
        #expect(inserted == expected)
        #expect(try await stores.recordings.recording(id: row.id) == inserted)
        #expect(try await stores.recordings.recording(id: ResourceID.generate()) == nil)
        let second = try await Seed.insert(stores, Seed.row())
        let (firstSeq, secondSeq) = (try #require(inserted.seq), try #require(second.seq))
        #expect(secondSeq > firstSeq)
        #expect(try await stores.recordings.count() == 2)
    }

    public static func paging(_ factory: StoreFactory) async throws {
        let stores = try await factory()
        var ids: [String] = []
        for index in 0..<7 { ids.append(try await Seed.recording(stores, bytes: [UInt8(index), 1, 2], title: "n\(index)").id) }
        var seen: [String] = []
        var before: Int64?
        while true {
            let page = try await stores.recordings.recordings(limit: 3, before: before)
            seen += page.map(\.id)
            guard page.count == 3 else { break }
            before = page.last!.seq
        }
        #expect(seen == ids.reversed())
    }

    public static func update(_ factory: StoreFactory) async throws {
        let stores = try await factory()
        let recording = try await Seed.recording(stores, bytes: [1, 2, 3])
        let updated = try #require(try await stores.recordings.update(id: recording.id, title: "Chez le médecin", language: nil, picture: nil))
        #expect(updated.title == "Chez le médecin" && updated.language == "fr" && updated.sha256 == recording.sha256)
        let relabelled = try #require(try await stores.recordings.update(id: recording.id, title: nil, language: "ar", picture: nil))
        var expected = recording
        expected.title = "Chez le médecin"
        expected.language = "ar"
        #expect(relabelled == expected)
        #expect(try await stores.recordings.recording(id: recording.id) == expected)
        #expect(try await stores.recordings.update(id: ResourceID.generate(), title: "x", language: nil, picture: nil) == nil)
    }

    public static func groupAndVisibility(_ factory: StoreFactory) async throws {
        let stores = try await factory()
        let owner = try await Seed.person(stores, "amina")
        let group = try await Seed.group(stores, "Classe", members: [owner])
        let recording = try await Seed.insert(stores, Seed.row(owner: owner))
        var expected = recording
        expected.groupId = group.id
        #expect(try await stores.recordings.setGroup(id: recording.id, groupId: group.id) == expected)
        expected.visibility = .network
        expected.sharedWithMentor = true
        #expect(try await stores.recordings.setVisibility(id: recording.id, visibility: .network, sharedWithMentor: true) == expected)
        expected.groupId = nil
        #expect(try await stores.recordings.setGroup(id: recording.id, groupId: nil) == expected)
        #expect(try await stores.recordings.recording(id: recording.id) == expected)
        #expect(try await stores.recordings.setGroup(id: ResourceID.generate(), groupId: nil) == nil)
        #expect(try await stores.recordings.setVisibility(id: ResourceID.generate(), visibility: .public, sharedWithMentor: false) == nil)
        // Deleting the group leaves the recording without one.
        _ = try await stores.recordings.setGroup(id: recording.id, groupId: group.id)
        #expect(try await stores.people.deleteGroup(id: group.id))
        #expect(try await stores.recordings.recording(id: recording.id)?.groupId == nil)
    }

    public static func consents(_ factory: StoreFactory) async throws {
        let stores = try await factory()
        let owner = try await Seed.person(stores, "amina")
        let trainer = try await Seed.person(stores, "m.durand", .trainer)
        let recording = try await Seed.insert(stores, Seed.row(owner: owner))
        #expect(try await stores.recordings.consents(recordingId: recording.id).isEmpty)
        #expect(try await stores.recordings.widestConsent(recordingId: recording.id, ownerId: owner.id) == nil)
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        let network = Consent(recordingId: recording.id, personId: owner.id, visibility: .network, method: .tap, givenAt: start.addingTimeInterval(1))
        let group = Consent(recordingId: recording.id, personId: owner.id, visibility: .group, method: .spoken,
                            consentRecordingId: ResourceID.generate(), givenAt: start.addingTimeInterval(2))
        // Someone else's word is no consent of the owner's.
        let other = Consent(recordingId: recording.id, personId: trainer.id, visibility: .public, method: .tap, givenAt: start)
        for consent in [network, group, other] { try await stores.recordings.insert(consent) }
        #expect(try await stores.recordings.consents(recordingId: recording.id) == [other, network, group])
        #expect(try await stores.recordings.widestConsent(recordingId: recording.id, ownerId: owner.id) == .network)
        #expect(try await stores.recordings.widestConsent(recordingId: recording.id, ownerId: trainer.id) == .public)
        #expect(try await stores.recordings.consents(recordingId: ResourceID.generate()).isEmpty)
    }

    public static func uploadKeys(_ factory: StoreFactory) async throws {
        let stores = try await factory()
        let owner = try await Seed.person(stores, "amina")
        let other = try await Seed.person(stores, "yusuf")
        let key = UploadKey(ownerId: owner.id, key: "k-1")
        let recording = try await stores.recordings.insert(Seed.row(owner: owner), uploadKey: key, publishing: {}, unpublishing: { _ in })
        #expect(try await stores.recordings.recordingId(for: key) == recording.id)
        #expect(try await stores.recordings.recordingId(for: UploadKey(ownerId: other.id, key: "k-1")) == nil)
        #expect(try await stores.recordings.recordingId(for: UploadKey(ownerId: owner.id, key: "k-2")) == nil)
        // The same key from someone else is their own.
        let theirs = try await stores.recordings.insert(Seed.row(owner: other), uploadKey: UploadKey(ownerId: other.id, key: "k-1"),
                                                        publishing: {}, unpublishing: { _ in })
        #expect(try await stores.recordings.recordingId(for: UploadKey(ownerId: other.id, key: "k-1")) == theirs.id)
        _ = try await stores.recordings.withdraw(id: recording.id, by: owner.id, now: Date(), unreferenced: { _ in })
        #expect(try await stores.recordings.recordingId(for: key) == recording.id)
    }

    public static func insertConflict(_ factory: StoreFactory) async throws {
        let stores = try await factory()
        let owner = try await Seed.person(stores, "amina")
        let key = UploadKey(ownerId: owner.id, key: "k")
        let first = try await stores.recordings.insert(Seed.row(owner: owner), uploadKey: key, publishing: {}, unpublishing: { _ in })
        let files = FileLedger()
        // The same id again, with other bytes.
        var sameId = Seed.row(owner: owner)
        sameId.id = first.id
        let error = await #expect(throws: StorageError.self) {
            try await stores.recordings.insert(sameId, uploadKey: nil, publishing: files.publisher(sameId.sha256), unpublishing: files.recordingRemover)
        }
        #expect(error?.code == .conflict)
        #expect(files.removals(of: sameId.sha256) == 1 && !files.isPresent(sameId.sha256))
        // The same upload key again: no second recording for it.
        let sameKey = Seed.row(owner: owner)
        let keyError = await #expect(throws: StorageError.self) {
            try await stores.recordings.insert(sameKey, uploadKey: key, publishing: files.publisher(sameKey.sha256), unpublishing: files.recordingRemover)
        }
        #expect(keyError?.code == .conflict)
        #expect(try await stores.recordings.recording(id: sameKey.id) == nil)
        #expect(try await stores.recordings.recordingId(for: key) == first.id)
        #expect(!files.isPresent(sameKey.sha256))
        // A failed insert of bytes another row holds takes nothing back.
        var twin = Seed.row(sha256: first.sha256, owner: owner)
        twin.id = first.id
        await #expect(throws: StorageError.self) {
            try await stores.recordings.insert(twin, uploadKey: nil, publishing: files.publisher(twin.sha256), unpublishing: files.recordingRemover)
        }
        #expect(files.removals(of: first.sha256) == 0)
        #expect(try await stores.recordings.count() == 1)
    }

    public static func referencedHashes(_ factory: StoreFactory) async throws {
        let stores = try await factory()
        #expect(try await stores.recordings.referencedHashes().isEmpty)
        #expect(try await stores.recordings.referencedPeaksHashes().isEmpty)
        let peaks = Seed.fakeHash()
        let first = try await Seed.insert(stores, Seed.row(peaks: peaks))
        let twin = try await Seed.insert(stores, Seed.row(sha256: first.sha256, peaks: peaks))
        let shipped = try await Seed.insert(stores, Seed.row(visibility: .public))
        try await stores.scenarios.saveShippedMedia(ShippedMedia(path: "prompts/bonjour.opus", sha256: shipped.sha256, text: "Bonjour",
                                                                 language: "fr", recordingId: shipped.id))
        #expect(try await stores.recordings.referencedHashes() == [first.sha256, shipped.sha256])
        #expect(try await stores.recordings.referencedPeaksHashes() == [peaks])
        #expect(try await stores.recordings.count() == 3)
        // Shipped scenario audio is not someone's stored recording.
        #expect(try await stores.recordings.isStoredRecording(sha256: first.sha256))
        #expect(try await !stores.recordings.isStoredRecording(sha256: shipped.sha256))
        #expect(try await !stores.recordings.isStoredRecording(sha256: Seed.fakeHash()))
        _ = try await stores.recordings.delete(id: first.id, unreferenced: { _ in })
        #expect(try await stores.recordings.referencedHashes() == [twin.sha256, shipped.sha256])
        _ = try await stores.recordings.delete(id: twin.id, unreferenced: { _ in })
        #expect(try await stores.recordings.referencedHashes() == [shipped.sha256])
        #expect(try await stores.recordings.referencedPeaksHashes().isEmpty)
        #expect(try await !stores.recordings.isStoredRecording(sha256: first.sha256))
        #expect(try await stores.recordings.count() == 1)
    }
}

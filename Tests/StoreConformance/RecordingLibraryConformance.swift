import Foundation
import Storage
import Testing

/// `RecordingLibrary` on real blob stores: a recording's row and its files kept together.
public enum RecordingLibraryConformance {
    public static let cases: [ConformanceCase] = [
        ConformanceCase("a stored recording has its row, and its bytes under their hash", storesBlobAndRow),
        ConformanceCase("deleting removes the file, but not while another recording shares it", deleteSharedContent),
        ConformanceCase("withdrawing removes audio and peaks, leaves a tombstone", withdraw),
        ConformanceCase("recovery removes unfinished writes and files no row refers to, in every blob store", recovery),
    ]

    public static func storesBlobAndRow(_ factory: StoreFactory) async throws {
        let stores = try await factory()
        let bytes = (0..<200_000).map { UInt8(truncatingIfNeeded: $0 * 7) }
        let recording = try await Seed.recording(stores, bytes: bytes)
        #expect(recording.byteSize == bytes.count)
        #expect(try await stores.recordings.recording(id: recording.id) == recording)
        let reader = try #require(try stores.audio.open(sha256: recording.sha256))
        #expect(try reader.readAll() == bytes)
        // The hash is the SHA-256 of the bytes.
        let text = Array("Bonjour, je m'appelle Amina.".utf8)
        #expect(try await Seed.recording(stores, bytes: text).sha256 == Seed.hash(of: text))
        #expect(try await Seed.recording(stores, bytes: Array("abc".utf8)).sha256
            == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    public static func deleteSharedContent(_ factory: StoreFactory) async throws {
        let stores = try await factory()
        let library = RecordingLibrary(stores: stores)
        let first = try await Seed.recording(stores, bytes: [9, 9, 9])
        let second = try await Seed.recording(stores, bytes: [9, 9, 9])
        #expect(first.sha256 == second.sha256 && first.id != second.id)
        #expect(try await library.delete(id: first.id)?.id == first.id)
        #expect(try stores.audio.open(sha256: first.sha256) != nil)
        #expect(try await library.delete(id: second.id)?.id == second.id)
        #expect(try stores.audio.open(sha256: first.sha256) == nil)
        #expect(try await library.delete(id: second.id) == nil)
        #expect(try await stores.recordings.count() == 0)
    }

    public static func withdraw(_ factory: StoreFactory) async throws {
        let stores = try await factory()
        let library = RecordingLibrary(stores: stores)
        let owner = try await Seed.person(stores, "amina")
        let audio = try Seed.finished(stores.audio, [1, 2, 3, 4])
        let peaks = try Seed.finished(stores.peaks, [0, 1, 0, 1])
        var row = Seed.row(sha256: audio.sha256, owner: owner, peaks: peaks.sha256)
        row.byteSize = audio.byteCount
        let recording = try await library.add(row, blob: audio, peaks: peaks, uploadKey: UploadKey(ownerId: owner.id, key: "k"))
        #expect(try stores.peaks.open(sha256: peaks.sha256)?.readAll() == [0, 1, 0, 1])
        #expect(try await stores.recordings.recordingId(for: UploadKey(ownerId: owner.id, key: "k")) == recording.id)
        let tombstone = try #require(try await library.withdraw(id: recording.id, by: owner.id))
        #expect(tombstone.recordingId == recording.id && tombstone.ownerId == owner.id && tombstone.withdrawnBy == owner.id)
        #expect(try stores.audio.open(sha256: audio.sha256) == nil)
        #expect(try stores.peaks.open(sha256: peaks.sha256) == nil)
        #expect(try await library.withdraw(id: recording.id, by: owner.id) == nil)
    }

    public static func recovery(_ factory: StoreFactory) async throws {
        let stores = try await factory()
        let library = RecordingLibrary(stores: stores)
        let kept = try await Seed.recording(stores, bytes: [1, 2, 3, 4])
        let person = try await Seed.person(stores, "amina")
        let photo = try Seed.finished(stores.pictures, [7, 7, 7])
        _ = try await stores.photos.setPhoto(Picture(sha256: photo.sha256, contentType: "image/png", byteSize: 3), for: .person(person.id),
                                             publish: { try stores.pictures.publish(photo) }, unreferenced: { try stores.pictures.remove(sha256: $0) })
        // A crash before the row: published files no row names; a crash mid-upload: finished, never published.
        var orphans: [(any BlobStore, String)] = []
        for store in [stores.audio, stores.peaks, stores.pictures] {
            let orphan = try Seed.finished(store, Array("orphan \(orphans.count)".utf8))
            try store.publish(orphan)
            orphans.append((store, orphan.sha256))
            _ = try Seed.finished(store, [5, 5])
        }
        let report = try await library.recover()
        #expect(report.orphanBlobsRemoved == 3 && report.unfinishedWritesRemoved == 3)
        for (store, sha) in orphans { #expect(try store.open(sha256: sha) == nil) }
        #expect(try stores.audio.open(sha256: kept.sha256)?.readAll() == [1, 2, 3, 4])
        #expect(try stores.pictures.open(sha256: photo.sha256)?.readAll() == [7, 7, 7])
        #expect(try await stores.recordings.recording(id: kept.id) == kept)
        // Nothing is left to recover.
        #expect(try await library.recover() == RecoveryReport())
    }
}

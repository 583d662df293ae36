import Foundation
import Storage
import Testing

/// `LabelStore`: the spoken labels trainers recorded, per language and key.
public enum LabelStoreConformance {
    public static let cases: [ConformanceCase] = [
        ConformanceCase("publishing a label makes its recording public with the speaker's consent, listed by key", publish),
        ConformanceCase("a new take replaces the old and hands back its recording; the same take hands back none", replace),
        ConformanceCase("removing a label hands it back once; a label for a missing recording is refused", remove),
    ]

    static let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    public static func publish(_ factory: StoreFactory) async throws {
        let stores = try await factory()
        let trainer = try await Seed.person(stores, "m.durand", .trainer)
        let group = try await Seed.group(stores, "Classe", members: [trainer])
        let take = try await Seed.insert(stores, Seed.row(owner: trainer, group: group, visibility: .group, sharedWithMentor: true))
        #expect(try await stores.labels.spokenLabels(language: "fr").isEmpty)
        let record = SpokenLabel(language: "fr", key: "record", recordingId: take.id, recordedBy: trainer.id, recordedAt: t0)
        #expect(try await stores.labels.publishSpokenLabel(record) == nil)
        let published = try #require(try await stores.recordings.recording(id: take.id))
        #expect(published.visibility == .public && !published.sharedWithMentor)
        #expect(try await stores.recordings.widestConsent(recordingId: take.id, ownerId: trainer.id) == .public)
        #expect(try await stores.recordings.recording(id: take.id, visibleTo: Viewer.anonymous()) != nil)
        let keep = SpokenLabel(language: "fr", key: "keep", recordingId: try await Seed.insert(stores, Seed.row(owner: trainer)).id,
                               recordedBy: trainer.id, recordedAt: t0)
        _ = try await stores.labels.publishSpokenLabel(keep)
        let arabic = SpokenLabel(language: "ar", key: "record", recordingId: try await Seed.insert(stores, Seed.row()).id, recordedBy: nil,
                                 recordedAt: t0)
        _ = try await stores.labels.publishSpokenLabel(arabic)
        #expect(try await stores.labels.spokenLabels(language: "fr") == [keep, record])
        #expect(try await stores.labels.spokenLabels(language: "ar") == [arabic])
        #expect(try await stores.labels.spokenLabels(language: "wo").isEmpty)
        // Deleting a label's recording takes the label with it.
        _ = try await stores.recordings.delete(id: take.id, unreferenced: { _ in })
        _ = try await stores.recordings.delete(id: keep.recordingId, unreferenced: { _ in })
        #expect(try await stores.labels.spokenLabels(language: "fr").isEmpty)
    }

    public static func replace(_ factory: StoreFactory) async throws {
        let stores = try await factory()
        let trainer = try await Seed.person(stores, "m.durand", .trainer)
        let colleague = try await Seed.person(stores, "s.martin", .trainer)
        let old = try await Seed.insert(stores, Seed.row(owner: trainer))
        let new = try await Seed.insert(stores, Seed.row(owner: colleague))
        _ = try await stores.labels.publishSpokenLabel(SpokenLabel(language: "fr", key: "sun", recordingId: old.id, recordedBy: trainer.id))
        let newer = SpokenLabel(language: "fr", key: "sun", recordingId: new.id, recordedBy: colleague.id, recordedAt: t0)
        #expect(try await stores.labels.publishSpokenLabel(newer) == old.id)
        #expect(try await stores.labels.spokenLabels(language: "fr") == [newer])
        #expect(try await stores.labels.publishSpokenLabel(newer) == nil)
        #expect(try await stores.labels.spokenLabels(language: "fr") == [newer])
        // The old take is the caller's to withdraw: it is still there.
        #expect(try await stores.recordings.recording(id: old.id) != nil)
    }

    public static func remove(_ factory: StoreFactory) async throws {
        let stores = try await factory()
        let take = try await Seed.insert(stores, Seed.row())
        let label = SpokenLabel(language: "fr", key: "record", recordingId: take.id, recordedBy: nil, recordedAt: t0)
        _ = try await stores.labels.publishSpokenLabel(label)
        #expect(try await stores.labels.removeSpokenLabel(language: "fr", key: "record") == label)
        #expect(try await stores.labels.removeSpokenLabel(language: "fr", key: "record") == nil)
        #expect(try await stores.labels.removeSpokenLabel(language: "ar", key: "keep") == nil)
        #expect(try await stores.labels.spokenLabels(language: "fr").isEmpty)
        // The recording stays (the caller withdraws it), now listed like any other.
        #expect(try await stores.recordings.recordings(visibleTo: Viewer.anonymous(), limit: 10, before: nil, purpose: nil).map(\.id) == [take.id])
        let missing = SpokenLabel(language: "fr", key: "keep", recordingId: ResourceID.generate(), recordedBy: nil)
        await #expect(throws: StorageError.self) { try await stores.labels.publishSpokenLabel(missing) }
        #expect(try await stores.labels.spokenLabels(language: "fr").isEmpty)
    }
}

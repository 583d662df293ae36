import Foundation
import Storage
import Testing

/// The promises about files: `publish` inside the serialised write, `unreferenced` only after the
/// row's deletion and only for files no other row shares.
extension RecordingStoreConformance {
    public static func publishFailure(_ factory: StoreFactory) async throws {
        let stores = try await factory()
        let files = FileLedger()
        let stored = Seed.row(peaks: Seed.fakeHash())
        let inserted = try await stores.recordings.insert(stored, publishing: files.publisher(stored.sha256, stored.peaksSha256!),
                                                          unpublishing: files.recordingRemover)
        #expect(files.events == ["publish:\(stored.sha256)", "publish:\(stored.peaksSha256!)"])
        #expect(try await stores.recordings.recording(id: stored.id) == inserted)
        // A publish that fails: nothing inserted, the error is the caller's own.
        let failing = Seed.row()
        await #expect(throws: InjectedFailure.self) {
            try await stores.recordings.insert(failing, publishing: { throw InjectedFailure() }, unpublishing: files.recordingRemover)
        }
        #expect(try await stores.recordings.recording(id: failing.id) == nil)
        #expect(try await stores.recordings.count() == 1)
        // A failing publish of bytes a stored row holds never takes that row's files.
        let twin = Seed.row(sha256: stored.sha256, peaks: stored.peaksSha256)
        await #expect(throws: InjectedFailure.self) {
            try await stores.recordings.insert(twin, publishing: { throw InjectedFailure() }, unpublishing: files.recordingRemover)
        }
        #expect(files.isPresent(stored.sha256) && files.isPresent(stored.peaksSha256!))
        #expect(try await stores.recordings.count() == 1)
    }

    public static func deleteReleasesFiles(_ factory: StoreFactory) async throws {
        let stores = try await factory()
        let files = FileLedger()
        let peaks = Seed.fakeHash()
        let first = Seed.row(peaks: peaks)
        let twin = Seed.row(sha256: first.sha256, peaks: peaks)
        let alone = Seed.row(peaks: Seed.fakeHash())
        for row in [first, twin, alone] {
            _ = try await stores.recordings.insert(row, publishing: files.publisher(row.sha256, row.peaksSha256!), unpublishing: files.recordingRemover)
        }
        // Its twin still holds the bytes: nothing is handed back.
        let deleted = try await stores.recordings.delete(id: first.id, unreferenced: files.recordingRemover)
        #expect(deleted?.id == first.id && deleted?.sha256 == first.sha256)
        #expect(try await stores.recordings.recording(id: first.id) == nil)
        #expect(files.removals(of: first.sha256) == 0 && files.removals(of: peaks) == 0)
        // The last row of those bytes: audio and peaks go, each once.
        #expect(try await stores.recordings.delete(id: twin.id, unreferenced: files.recordingRemover)?.id == twin.id)
        #expect(files.removals(of: first.sha256) == 1 && files.removals(of: peaks) == 1)
        #expect(try await stores.recordings.delete(id: twin.id, unreferenced: files.recordingRemover) == nil)
        #expect(try await stores.recordings.delete(id: ResourceID.generate(), unreferenced: files.recordingRemover) == nil)
        #expect(files.removals(of: first.sha256) == 1)
        #expect(try await stores.recordings.recording(id: alone.id) != nil && files.isPresent(alone.sha256))
        #expect(try await stores.recordings.count() == 1)
    }

    public static func withdrawReleasesFiles(_ factory: StoreFactory) async throws {
        let stores = try await factory()
        let files = FileLedger()
        let owner = try await Seed.person(stores, "amina")
        let trainer = try await Seed.person(stores, "m.durand", .trainer)
        let row = Seed.row(owner: owner, peaks: Seed.fakeHash())
        let twin = Seed.row(sha256: row.sha256, owner: owner)
        for recording in [row, twin] {
            _ = try await stores.recordings.insert(recording, publishing: files.publisher(recording.sha256), unpublishing: files.recordingRemover)
        }
        try await stores.recordings.insert(Consent(recordingId: row.id, personId: owner.id, visibility: .group, method: .tap))
        #expect(try await stores.recordings.tombstone(recordingId: row.id) == nil)
        let now = Date(timeIntervalSince1970: 1_800_000_000.123)
        let tombstone = try #require(try await stores.recordings.withdraw(id: row.id, by: trainer.id, now: now, unreferenced: files.recordingRemover))
        #expect(tombstone == Tombstone(recordingId: row.id, ownerId: owner.id, withdrawnAt: now, withdrawnBy: trainer.id))
        #expect(try await stores.recordings.tombstone(recordingId: row.id) == tombstone)
        #expect(try await stores.recordings.recording(id: row.id) == nil)
        #expect(try await stores.recordings.consents(recordingId: row.id).isEmpty)
        // The audio is shared with the twin; the peaks were its own.
        #expect(files.removals(of: row.sha256) == 0 && files.removals(of: row.peaksSha256!) == 1)
        #expect(try await stores.recordings.withdraw(id: twin.id, by: nil, now: now, unreferenced: files.recordingRemover)?.withdrawnBy == nil)
        #expect(files.removals(of: row.sha256) == 1)
        // Unknown or already withdrawn: nil, and nothing handed back.
        #expect(try await stores.recordings.withdraw(id: row.id, by: nil, now: now, unreferenced: files.recordingRemover) == nil)
        #expect(try await stores.recordings.withdraw(id: ResourceID.generate(), by: nil, now: now, unreferenced: files.recordingRemover) == nil)
        #expect(try await stores.recordings.tombstone(recordingId: ResourceID.generate()) == nil)
        #expect(files.events.filter { $0.hasPrefix("remove:") }.count == 2)
    }

    public static func failingRemoverKeepsDeletion(_ factory: StoreFactory) async throws {
        let stores = try await factory()
        let files = FileLedger()
        let failing: @Sendable (RecordingBlob) throws -> Void = { blob in
            try files.recordingRemover(blob)
            throw InjectedFailure()
        }
        let deleted = try await Seed.insert(stores, Seed.row())
        let withdrawn = try await Seed.insert(stores, Seed.row())
        // Whether or not the caller hears of the failure, the deletion was committed before it.
        _ = try? await stores.recordings.delete(id: deleted.id, unreferenced: failing)
        _ = try? await stores.recordings.withdraw(id: withdrawn.id, by: nil, now: Date(), unreferenced: failing)
        #expect(files.removals(of: deleted.sha256) == 1 && files.removals(of: withdrawn.sha256) == 1)
        #expect(try await stores.recordings.recording(id: deleted.id) == nil)
        #expect(try await stores.recordings.recording(id: withdrawn.id) == nil)
        #expect(try await stores.recordings.tombstone(recordingId: withdrawn.id) != nil)
        #expect(try await stores.recordings.count() == 0)
    }

    public static func concurrentTwinDeletions(_ factory: StoreFactory) async throws {
        let stores = try await factory()
        let files = FileLedger()
        var pairs: [(Recording, Recording)] = []
        for _ in 0..<16 {
            let first = try await Seed.insert(stores, Seed.row())
            pairs.append((first, try await Seed.insert(stores, Seed.row(sha256: first.sha256))))
        }
        let gate = StartingGate(count: pairs.count * 2)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (index, (first, second)) in pairs.enumerated() {
                // The first of each pair deleted, the second withdrawn or deleted.
                group.addTask {
                    await gate.wait()
                    _ = try await stores.recordings.delete(id: first.id, unreferenced: files.recordingRemover)
                }
                group.addTask {
                    await gate.wait()
                    if index.isMultiple(of: 2) {
                        _ = try await stores.recordings.withdraw(id: second.id, by: nil, now: Date(), unreferenced: files.recordingRemover)
                    } else {
                        _ = try await stores.recordings.delete(id: second.id, unreferenced: files.recordingRemover)
                    }
                }
            }
            try await group.waitForAll()
        }
        for (first, _) in pairs { #expect(files.removals(of: first.sha256) == 1, "\(first.sha256)") }
        #expect(try await stores.recordings.count() == 0)
    }

    public static func publishAgainstDelete(_ factory: StoreFactory) async throws {
        let stores = try await factory()
        let files = FileLedger()
        var rounds: [(existing: Recording, incoming: Recording)] = []
        for _ in 0..<12 {
            let existing = Seed.row()
            _ = try await stores.recordings.insert(existing, publishing: files.publisher(existing.sha256), unpublishing: files.recordingRemover)
            rounds.append((existing, Seed.row(sha256: existing.sha256)))
        }
        let gate = StartingGate(count: rounds.count * 2)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for round in rounds {
                group.addTask {
                    await gate.wait()
                    // The file is in place; the row comes after a pause, still inside the one write.
                    let publish: @Sendable () throws -> Void = {
                        files.publish([round.incoming.sha256])
                        usleep(2_000)
                    }
                    _ = try await stores.recordings.insert(round.incoming, publishing: publish, unpublishing: files.recordingRemover)
                }
                group.addTask {
                    await gate.wait()
                    _ = try await stores.recordings.delete(id: round.existing.id, unreferenced: files.recordingRemover)
                }
            }
            try await group.waitForAll()
        }
        // Whatever the order, the row that remains has its file.
        for round in rounds {
            #expect(try await stores.recordings.recording(id: round.incoming.id) != nil)
            #expect(files.isPresent(round.incoming.sha256), "\(files.events.filter { $0.hasSuffix(round.incoming.sha256) })")
        }
    }
}

import Foundation
import Storage
import Testing

/// The claims that keep one try at a time per upload key, on every node (`UploadKeyClaims`).
extension RecordingStoreConformance {
    public static func uploadKeyClaims(_ factory: StoreFactory) async throws {
        let stores = try await factory()
        let recordings = stores.recordings
        let key = UploadKey(ownerId: ResourceID.generate(), key: "k-1")
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let lease = now + 15
        #expect(try await recordings.claimUploadKey(key, claimant: "first", now: now, expiresAt: lease))
        // Another try waits while the lease runs, to its last millisecond.
        #expect(try await !recordings.claimUploadKey(key, claimant: "retry", now: now + 5, expiresAt: now + 20))
        #expect(try await !recordings.claimUploadKey(key, claimant: "retry", now: lease - 0.002, expiresAt: now + 30))
        // The same key of another uploader, and another key, are claims of their own.
        #expect(try await recordings.claimUploadKey(UploadKey(ownerId: ResourceID.generate(), key: "k-1"), claimant: "other",
                                                    now: now, expiresAt: lease))
        #expect(try await recordings.claimUploadKey(UploadKey(ownerId: key.ownerId, key: "k-2"), claimant: "other", now: now, expiresAt: lease))
        // Its holder renews it: the retry still waits past the first lease.
        #expect(try await recordings.claimUploadKey(key, claimant: "first", now: now + 10, expiresAt: now + 25))
        #expect(try await !recordings.claimUploadKey(key, claimant: "retry", now: now + 20, expiresAt: now + 35))
        // Released by someone else: nothing changes; by its holder: the next try has it at once.
        try await recordings.releaseUploadKey(key, claimant: "retry")
        #expect(try await !recordings.claimUploadKey(key, claimant: "retry", now: now + 21, expiresAt: now + 36))
        try await recordings.releaseUploadKey(key, claimant: "first")
        #expect(try await recordings.claimUploadKey(key, claimant: "retry", now: now + 22, expiresAt: now + 37))
        // A holder that stops renewing (its node died) loses the key when its lease runs out…
        #expect(try await recordings.claimUploadKey(key, claimant: "third", now: now + 37, expiresAt: now + 52))
        // …and giving it up afterwards does not take it from the new holder.
        try await recordings.releaseUploadKey(key, claimant: "retry")
        #expect(try await !recordings.claimUploadKey(key, claimant: "fourth", now: now + 40, expiresAt: now + 55))
    }

    public static func concurrentUploadKeyClaims(_ factory: StoreFactory) async throws {
        let stores = try await factory()
        let recordings = stores.recordings
        let key = UploadKey(ownerId: ResourceID.generate(), key: "burst")
        let now = Date()
        let granted = try await withThrowingTaskGroup(of: Bool.self) { group in
            for index in 0..<12 {
                group.addTask { try await recordings.claimUploadKey(key, claimant: "try-\(index)", now: now, expiresAt: now + 60) }
            }
            return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        #expect(granted == 1)
    }
}

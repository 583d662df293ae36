import Foundation
import Services
import Storage
import Testing

/// One try at a time per upload key, through the claims in the database: how a retry waits.
@Suite("Upload key claims")
struct UploadKeyClaimsTests {
    @Test("a retry waits while another try holds the key, then runs with that try's recording; the claim is given up after")
    func retryWaitsForTheFirst() async throws {
        let world = try ServiceWorld()
        let recordings = world.stores.recordings
        let owner = try await world.stores.people.insertPerson(Person(name: "amina", displayName: "Amina", role: .learner))
        let key = UploadKey(ownerId: owner.id, key: "kiosk-7")
        let claims = UploadKeyClaims(recordings: recordings)
        // The first try (another node) holds the key for a minute, stores its recording, gives the key up.
        #expect(try await recordings.claimUploadKey(key, claimant: "other-node", now: Date(), expiresAt: Date() + 60))
        let stored = Recording(id: ResourceID.generate(), title: "t", language: "fr", durationMs: 1_000, sampleCount: 48_000,
                               inputSampleRate: 48_000, inputChannels: 1, bitrate: 24_000, byteSize: 3, sha256: Secret.hash("r"),
                               sourceFormat: "wav/pcm16", createdAt: Date(), ownerId: owner.id)
        let retry = Task { try await claims.holding(key) { earlier in earlier } }
        try await Task.sleep(for: .milliseconds(300))
        _ = try await recordings.insert(stored, uploadKey: key, publishing: {}, unpublishing: { _ in })
        try await recordings.releaseUploadKey(key, claimant: "other-node")
        #expect(try await retry.value == stored.id)
        // Given up: the next try has it at once.
        #expect(try await recordings.claimUploadKey(key, claimant: "next", now: Date(), expiresAt: Date() + 60))
    }

    @Test("a claim whose node died lapses: the retry takes the key over as a first try")
    func deadNodesClaimLapses() async throws {
        let world = try ServiceWorld()
        let key = UploadKey(ownerId: ResourceID.generate(), key: "k")
        #expect(try await world.stores.recordings.claimUploadKey(key, claimant: "dead-node", now: Date(), expiresAt: Date() + 0.4))
        let earlier = try await UploadKeyClaims(recordings: world.stores.recordings).holding(key) { earlier in earlier }
        #expect(earlier == nil)
    }

    @Test("a retry that waited its longest gets upload_in_progress, and leaves the other's claim alone")
    func waitingIsBounded() async throws {
        let world = try ServiceWorld()
        let key = UploadKey(ownerId: ResourceID.generate(), key: "k")
        #expect(try await world.stores.recordings.claimUploadKey(key, claimant: "slow-node", now: Date(), expiresAt: Date() + 600))
        let claims = UploadKeyClaims(recordings: world.stores.recordings, longestWait: .milliseconds(200))
        await #expect(throws: ServiceError(.conflict, "another upload with this Idempotency-Key is still being stored; try again later",
                                           code: "upload_in_progress")) {
            try await claims.holding(key) { _ in Issue.record("ran without the claim") }
        }
        #expect(try await !world.stores.recordings.claimUploadKey(key, claimant: "third", now: Date(), expiresAt: Date() + 600))
    }
}

import Foundation
import Storage

/// One try at a time per `Idempotency-Key` and uploader, on every node: a try first claims the key
/// in the database (``RecordingStore/claimUploadKey(_:claimant:now:expiresAt:)``), renews the
/// claim while it stores, and gives it up when done. A retry that finds the key claimed — on this
/// node or another — asks again, backing off, until the claim is given up (it then gets the first
/// try's answer instead of storing a second copy) or lapses (the first try's node died).
public struct UploadKeyClaims: Sendable {
    let recordings: any RecordingStore
    /// How long a claim holds without being renewed: the longest a dead node keeps a key.
    public var lease: Duration
    /// The longest a retry waits for another try of its key before it is refused (`409 upload_in_progress`).
    public var longestWait: Duration

    public init(recordings: any RecordingStore, lease: Duration = .seconds(15), longestWait: Duration = .seconds(300)) {
        self.recordings = recordings
        self.lease = lease
        self.longestWait = longestWait
    }

    /// Runs `body` holding `key`, with the recording an earlier try stored (nil for a first try).
    public func holding<T>(_ key: UploadKey, _ body: (_ earlier: String?) async throws -> T) async throws -> T {
        let claimant = UUID().uuidString
        try await claim(key, claimant: claimant)
        let renewal = Task { [recordings, lease] in
            // Renewed well before it runs out, so a slow database round trip never lets it lapse.
            while !Task.isCancelled {
                try? await Task.sleep(for: lease / 3)
                guard !Task.isCancelled else { return }
                _ = try? await recordings.claimUploadKey(key, claimant: claimant, now: Date(), expiresAt: Date() + lease.timeInterval)
            }
        }
        do {
            let result = try await body(try await recordings.recordingId(for: key))
            renewal.cancel()
            try await recordings.releaseUploadKey(key, claimant: claimant)
            return result
        } catch {
            renewal.cancel()
            try? await recordings.releaseUploadKey(key, claimant: claimant)
            throw error
        }
    }

    /// Asks for the claim until it is had: every 25 ms at first, then less often, at most every 500 ms.
    private func claim(_ key: UploadKey, claimant: String) async throws {
        let clock = ContinuousClock()
        let deadline = clock.now + longestWait
        var pause = Duration.milliseconds(25)
        while try await !recordings.claimUploadKey(key, claimant: claimant, now: Date(), expiresAt: Date() + lease.timeInterval) {
            guard clock.now + pause < deadline else {
                throw ServiceError(.conflict, "another upload with this Idempotency-Key is still being stored; try again later",
                                   code: "upload_in_progress")
            }
            try await Task.sleep(for: pause)
            pause = min(pause * 2, .milliseconds(500))
        }
    }
}

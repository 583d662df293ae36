import Foundation
import Synchronization

/// Public recordings by id, kept in memory so that serving their audio needs no database read.
///
/// Every committed change to the `recording` table empties it (the store observes the table), so a
/// withdrawal or a narrowed visibility takes effect before its request is answered. A row read
/// while such a change commits is not kept (the generation moved on). Entries also expire after
/// `lifetime`, which bounds how long a change made by another process (the CLI) goes unseen.
final class PublicRecordingCache: Sendable {
    private struct Entry {
        let recording: Recording
        let storedAt: ContinuousClock.Instant
    }

    private struct State {
        var entries: [String: Entry] = [:]
        var generation = 0
    }

    private let state = Mutex(State())
    let lifetime: Duration
    let capacity: Int

    init(lifetime: Duration = .seconds(2), capacity: Int = 10_000) {
        self.lifetime = lifetime
        self.capacity = capacity
    }

    /// The generation to pass to `store` for a row about to be read.
    var generation: Int { state.withLock { $0.generation } }

    func recording(id: String) -> Recording? {
        let now = ContinuousClock.now
        return state.withLock { state in
            guard let entry = state.entries[id], now - entry.storedAt < lifetime else { return nil }
            return entry.recording
        }
    }

    /// Keeps a public recording read while the cache was at `generation`.
    func store(_ recording: Recording, readAt generation: Int) {
        guard recording.visibility == .public else { return }
        let now = ContinuousClock.now
        state.withLock { state in
            guard state.generation == generation else { return }
            // Past capacity, start again rather than track use: refilling costs one read per id.
            if state.entries.count >= capacity { state.entries.removeAll(keepingCapacity: true) }
            state.entries[recording.id] = Entry(recording: recording, storedAt: now)
        }
    }

    func removeAll() {
        state.withLock { state in
            state.entries.removeAll()
            state.generation += 1
        }
    }
}

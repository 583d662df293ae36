import Foundation
import Synchronization

/// Rows kept in memory by key, so that the hottest reads (a public recording's audio, a bearer
/// token on every scripted request) need no database read.
///
/// The store empties it on every committed change to the tables the rows come from (it observes
/// them, or is told by the database), so a withdrawal, a narrowed visibility or a revoked token
/// takes effect before its own request is answered. A row read while such a change commits is not
/// kept (the generation moved on). Entries also expire after `lifetime`, which bounds how long a
/// change made by another process (the CLI) goes unseen. While the store cannot learn of changes
/// (``suspend()``, e.g. its notification connection is down) nothing is served from memory.
public final class ChangeInvalidatedCache<Value: Sendable>: Sendable {
    private struct Entry {
        let value: Value
        let storedAt: ContinuousClock.Instant
    }

    private struct State {
        var entries: [String: Entry] = [:]
        var generation = 0
        var suspended = false
    }

    private let state = Mutex(State())
    /// How long an entry is served at most.
    public let lifetime: Duration
    /// Entries kept at most; past it the cache starts again empty.
    public let capacity: Int

    public init(lifetime: Duration = .seconds(2), capacity: Int = 10_000) {
        self.lifetime = lifetime
        self.capacity = capacity
    }

    /// The generation to pass to `store` for a row about to be read.
    public var generation: Int { state.withLock { $0.generation } }

    /// Whether nothing is kept (``suspend()`` was the last call).
    public var isSuspended: Bool { state.withLock { $0.suspended } }

    /// The value kept for `key`, nil when none is (or it expired, or the cache is suspended).
    public func value(for key: String) -> Value? {
        let now = ContinuousClock.now
        return state.withLock { state in
            guard !state.suspended, let entry = state.entries[key], now - entry.storedAt < lifetime else { return nil }
            return entry.value
        }
    }

    /// Keeps a value read while the cache was at `generation`.
    public func store(_ value: Value, for key: String, readAt generation: Int) {
        let now = ContinuousClock.now
        state.withLock { state in
            guard !state.suspended, state.generation == generation else { return }
            // Past capacity, start again rather than track use: refilling costs one read per key.
            if state.entries.count >= capacity { state.entries.removeAll(keepingCapacity: true) }
            state.entries[key] = Entry(value: value, storedAt: now)
        }
    }

    /// Forgets every entry; reads in flight are not kept.
    public func removeAll() {
        state.withLock { state in
            state.entries.removeAll()
            state.generation += 1
        }
    }

    /// Forgets every entry and keeps none until ``resume()``.
    public func suspend() {
        state.withLock { state in
            state.entries.removeAll()
            state.generation += 1
            state.suspended = true
        }
    }

    /// Keeps entries again (after ``suspend()``), starting empty.
    public func resume() {
        state.withLock { state in
            state.entries.removeAll()
            state.generation += 1
            state.suspended = false
        }
    }
}

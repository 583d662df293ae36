import Synchronization

/// One request's place in the ``HeavyWorkPool``, held until its heavy work is done: an upload
/// until it is stored or given up, a decoded answer until its body is written.
///
/// Released once, by ``release()`` or at the latest when the last reference goes (a streamed
/// body that Hummingbird never wrote, a HEAD answer), so a place can never be lost.
public final class HeavyWorkAdmission: Sendable {
    private let pool: HeavyWorkPool
    private let held = Mutex(true)

    public init(pool: HeavyWorkPool) {
        self.pool = pool
    }

    /// Gives the place back; later calls do nothing.
    public func release() {
        let wasHeld = held.withLock { held in
            defer { held = false }
            return held
        }
        if wasHeld { pool.leave() }
    }

    /// Runs `body` on the pool's threads (see ``HeavyWorkPool/run(_:)``).
    public func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await pool.run(body)
    }

    deinit {
        release()
    }
}

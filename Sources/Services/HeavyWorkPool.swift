import Foundation
import NIOPosix
import Synchronization

/// Where requests do their CPU-heavy work (encoding an upload, FFmpeg, decoding `/media/ID.wav`,
/// making CAF, reading peaks, aligning), away from the few threads every request shares.
///
/// Swift's concurrency pool has one thread per core: an upload encoding on it kept `/healthz`
/// waiting for seconds. Here heavy work runs on threads of its own, in pieces (a batch of an
/// upload's bytes, a chunk of decoded audio), so the shared threads only hand bytes over and
/// every other request is answered at once. A request that will do such work is first admitted:
/// at most `threads + queueLength` at a time take turns on the threads; the next one is refused
/// with `503 server_busy` and a `Retry-After` before anything is read or written.
///
/// The pool lives as long as the process, like NIO's own singleton pool.
public final class HeavyWorkPool: Sendable {
    /// Requests admitted at once: those whose work runs, and those waiting their turn.
    public let capacity: Int
    /// Seconds a refused client is told to wait before trying again.
    public let retryAfterSeconds: Int
    private let threads: NIOThreadPool
    private let admitted = Mutex(0)

    public init(threads: Int, queueLength: Int, retryAfterSeconds: Int = 5) {
        precondition(threads > 0 && queueLength >= 0)
        capacity = threads + queueLength
        self.retryAfterSeconds = retryAfterSeconds
        self.threads = NIOThreadPool(numberOfThreads: threads)
        self.threads.start()
    }

    /// Requests admitted now.
    public var admittedCount: Int { admitted.withLock { $0 } }

    /// Takes one of the pool's places for a request, or refuses it with `503 server_busy`.
    /// The place is given back by ``HeavyWorkAdmission/release()``, or when the admission is
    /// dropped (a response body that was never written).
    public func admit() throws -> HeavyWorkAdmission {
        let taken = admitted.withLock { count in
            guard count < capacity else { return false }
            count += 1
            return true
        }
        guard taken else {
            throw ServiceError(.busy, "the server is busy encoding, decoding or aligning other recordings: nothing was stored or sent, try again in a few seconds",
                               retryAfterSeconds: retryAfterSeconds)
        }
        return HeavyWorkAdmission(pool: self)
    }

    /// Gives a place back (``HeavyWorkAdmission`` calls it once).
    public func leave() {
        admitted.withLock { $0 -= 1 }
    }

    /// Runs `body` on one of the pool's threads and returns its result. Work of admitted requests
    /// is never refused: it waits for a free thread.
    public func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await threads.runIfActive(body)
    }
}

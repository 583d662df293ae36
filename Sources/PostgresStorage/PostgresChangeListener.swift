import Logging
import PostgresNIO
import Synchronization

/// Holds one connection of the pool in `LISTEN` on the change channel for as long as the store
/// lives, emptying the node's caches on each notification. When the connection is lost the
/// caches are suspended (a change could go unheard) and it listens again half a second later.
///
/// A connection can also die without a word (a network partition, a NAT's idle timeout, a
/// failover): every ``pingInterval`` the listener sends a notification of its own through another
/// connection, and when it has heard nothing since within ``pingTimeout``, it treats the
/// connection as lost.
enum PostgresChangeListener {
    static let pingInterval = Duration.seconds(5)
    static let pingTimeout = Duration.seconds(2)
    /// The payload of a ping; no table has this name.
    static let ping = "ping"

    /// Listens until the task is cancelled.
    static func run(client: PostgresClient, caches: PostgresReadCaches, logger: Logger) async {
        while !Task.isCancelled {
            do {
                try await client.withConnection { connection in
                    try await connection.listen(on: PostgresReadCaches.channel) { notifications in
                        // Listening from here on: a change committed now is heard, so rows may be kept.
                        caches.resume()
                        try await hear(notifications, caches: caches, pingingThrough: client, logger: logger)
                    }
                }
            } catch {
                if Task.isCancelled { break }
                logger.warning("not listening for changes (\(String(reflecting: error))); serving without caches until it listens again")
            }
            caches.suspend()
            try? await Task.sleep(for: .milliseconds(500))
        }
        caches.suspend()
    }

    /// Empties the caches on each notification while pinging; throws when the pings stop coming back.
    private static func hear(_ notifications: PostgresNotificationSequence, caches: PostgresReadCaches, pingingThrough client: PostgresClient,
                             logger: Logger) async throws {
        let lastHeard = LastHeard()
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                for try await notification in notifications {
                    lastHeard.now()
                    caches.changed(table: notification.payload)
                }
                throw ListenerLost.ended
            }
            group.addTask {
                while true {
                    try await Task.sleep(for: pingInterval)
                    let sent = ContinuousClock.now
                    _ = try await client.query("SELECT pg_notify(\(PostgresReadCaches.channel), \(ping))", logger: logger).collect()
                    try await Task.sleep(for: pingTimeout)
                    guard lastHeard.since(sent) else { throw ListenerLost.silent }
                }
            }
            try await group.next()
            group.cancelAll()
        }
    }
}

/// Why the listener stopped hearing.
private enum ListenerLost: Error {
    /// The notifications ended.
    case ended
    /// A ping sent through another connection did not come back.
    case silent
}

/// When the listener last heard anything.
private final class LastHeard: Sendable {
    private let heard = Mutex(ContinuousClock.now)

    func now() {
        heard.withLock { $0 = .now }
    }

    /// Whether something was heard at or after `instant`.
    func since(_ instant: ContinuousClock.Instant) -> Bool {
        heard.withLock { $0 >= instant }
    }
}

import Logging
import PostgresNIO

/// Holds one connection of the pool in `LISTEN` on the change channel for as long as the store
/// lives, emptying the node's caches on each notification. When the connection is lost the
/// caches are suspended (a change could go unheard) and it listens again half a second later.
enum PostgresChangeListener {
    /// Listens until the task is cancelled.
    static func run(client: PostgresClient, caches: PostgresReadCaches, logger: Logger) async {
        while !Task.isCancelled {
            do {
                try await client.withConnection { connection in
                    try await connection.listen(on: PostgresReadCaches.channel) { notifications in
                        // Listening from here on: a change committed now is heard, so rows may be kept.
                        caches.resume()
                        for try await notification in notifications {
                            caches.changed(table: notification.payload)
                        }
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
}

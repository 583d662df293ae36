import Logging
import PostgresNIO

/// One connection inside an open transaction.
struct Transaction {
    let connection: PostgresConnection
    let logger: Logger
    /// What its statements wrote to: the node's caches it feeds are emptied when it ends.
    let written: WrittenTables

    func rows(_ query: BoundQuery) async throws -> [RowReader] {
        try await rows(query.query)
    }

    func rows(_ query: PostgresQuery) async throws -> [RowReader] {
        written.note(query.sql)
        return try await connection.query(query, logger: logger).readers()
    }

    /// Runs a statement for its effect.
    func run(_ query: PostgresQuery) async throws {
        written.note(query.sql)
        _ = try await connection.query(query, logger: logger).collect()
    }

    func run(_ query: BoundQuery) async throws {
        try await run(query.query)
    }

    /// Waits for the transaction advisory lock on `key` (a text: what is being serialised),
    /// released at commit or rollback.
    func lock(_ key: String) async throws {
        try await run("SELECT pg_advisory_xact_lock(hashtextextended(\(key), 0))")
    }

    func lock(_ key: Int64) async throws {
        try await run("SELECT pg_advisory_xact_lock(\(key))")
    }
}

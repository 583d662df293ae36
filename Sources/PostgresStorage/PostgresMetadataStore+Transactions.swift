import Foundation
import PostgresNIO
import Storage

extension PostgresMetadataStore {
    /// Advisory lock keys (ASCII spelled as 64-bit numbers): what the serialised writes serialise on.
    enum WriterLock {
        /// Publishing and removing blobs (recordings' audio and peaks, photos): held from before
        /// `publish` until the released blobs are removed after the commit, as the embedded
        /// store's one writer is.
        static let blobs: Int64 = 0x7061_726C_6F6E_7362
        /// Sign-in slots: every count a slot reads holds every slot granted before it.
        static let signIn: Int64 = 0x7061_726C_6F6E_7369
    }

    /// Runs one statement and reads every row.
    func rows(_ query: BoundQuery) async throws -> [RowReader] {
        try await rows(query.query)
    }

    func rows(_ query: PostgresQuery) async throws -> [RowReader] {
        // A write (`DELETE … RETURNING`) empties this node's caches as soon as it returns, before
        // its notification comes back; so does one that fails (it may have committed).
        defer { caches.changed(bySQL: query.sql) }
        return try await checked { try await client.query(query, logger: logger).readers() }
    }

    /// Runs one statement for its effect.
    func run(_ query: PostgresQuery) async throws {
        defer { caches.changed(bySQL: query.sql) }
        try await checked { _ = try await client.query(query, logger: logger).collect() }
    }

    /// Runs `body` in one transaction on one connection of the pool: committed when it returns,
    /// rolled back when it throws.
    func transaction<T: Sendable>(_ what: String = "", _ body: @escaping @Sendable (Transaction) async throws -> T) async throws -> T {
        let written = WrittenTables()
        // Emptied when it ends, committed or not (a failed COMMIT may still have committed).
        defer { caches.changed(by: written) }
        return try await checked(what) {
            try await client.withConnection { connection in
                try await Self.inTransaction(connection, logger: logger, written: written, body)
            }
        }
    }

    /// Runs `changes` in one transaction while holding the advisory lock `key` for the whole
    /// session, and removes what it released only once the commit is done and before the lock
    /// goes: an upload of the same bytes on any node cannot publish them in between. A failed
    /// commit releases nothing; a crash after it leaves blobs without rows for start-up recovery.
    func transactionReleasing<T: Sendable, File: Sendable>(
        _ what: String = "", lock key: Int64,
        _ changes: @escaping @Sendable (Transaction, inout [File]) async throws -> T,
        remove: @escaping @Sendable (File) throws -> Void
    ) async throws -> T {
        let written = WrittenTables()
        defer { caches.changed(by: written) }
        return try await checked(what) {
            try await client.withConnection { connection in
                try await connection.query("SELECT pg_advisory_lock(\(key))", logger: logger)
                do {
                    var released: [File] = []
                    let result = try await Self.inTransaction(connection, logger: logger, written: written) { transaction in
                        released = []
                        return try await changes(transaction, &released)
                    }
                    for file in released { try? remove(file) }
                    try await connection.query("SELECT pg_advisory_unlock(\(key))", logger: logger)
                    return result
                } catch {
                    _ = try? await connection.query("SELECT pg_advisory_unlock(\(key))", logger: logger)
                    throw error
                }
            }
        }
    }

    private static func inTransaction<T>(_ connection: PostgresConnection, logger: Logger, written: WrittenTables,
                                         _ body: (Transaction) async throws -> T) async throws -> T {
        try await connection.query("BEGIN", logger: logger)
        do {
            let result = try await body(Transaction(connection: connection, logger: logger, written: written))
            try await connection.query("COMMIT", logger: logger)
            return result
        } catch {
            _ = try? await connection.query("ROLLBACK", logger: logger)
            throw error
        }
    }

    /// Turns the server's constraint violations into `StorageError.conflict` naming `what`.
    func checked<T>(_ what: String = "", _ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as PSQLError {
            guard let state = error.serverInfo?[.sqlState], state.hasPrefix("23") else { throw error }
            let explanation = switch state {
            case "23505": "already exists"
            case "23503": "other records still refer to it, or it refers to something missing"
            default: error.serverInfo?[.message] ?? "constraint failed"
            }
            throw StorageError(code: .conflict, message: what.isEmpty ? explanation : "\(what): \(explanation)")
        }
    }
}

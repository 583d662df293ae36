import Foundation
import Logging
import NIOCore
import NIOSSL
import PostgresNIO
import Storage

/// What opening a database does before the pool starts: one connection that checks the server's
/// version and applies the migrations it has not recorded yet, holding an advisory lock so that
/// nodes starting together migrate one after the other.
struct PostgresBootstrap {
    let location: PostgresLocation
    let logger: Logger

    /// The advisory lock key that serialises migrations (`parlonsm` in ASCII).
    static let migrationLock: Int64 = 0x7061_726C_6F6E_736D

    func prepare() async throws {
        let connection = try await connect()
        defer { Task { [connection] in try? await connection.close() } }
        try Self.check(serverVersion: try await serverVersion(connection), at: location)
        do {
            try await migrate(connection)
        } catch let error as PSQLError {
            throw PostgresOpenError(reason: .schema, message: "cannot prepare the schema in \(location): \(Self.serverMessage(error))")
        }
    }

    /// Refuses a server older than ``PostgresMetadataStore/minimumServerVersion``
    /// (`server_version_num`: 120017 is 12.17), naming both versions.
    static func check(serverVersion version: Int, at location: PostgresLocation) throws {
        guard version >= PostgresMetadataStore.minimumServerVersion else {
            throw PostgresOpenError(reason: .tooOld, message: """
                PostgreSQL at \(location) is version \(versionText(version)); Parlons needs \
                \(versionText(PostgresMetadataStore.minimumServerVersion)) or newer
                """)
        }
    }

    private func connect() async throws -> PostgresConnection {
        var tls = PostgresConnection.Configuration.TLS.disable
        if let settings = try location.tlsConfiguration() {
            do {
                let context = try NIOSSLContext(configuration: settings)
                tls = location.tls == .prefer ? .prefer(context) : .require(context)
            } catch {
                throw PostgresOpenError(reason: .tls, message: "cannot set up TLS for \(location): \(error)")
            }
        }
        var configuration = PostgresConnection.Configuration(host: location.host, port: location.port, username: location.user,
                                                             password: location.password, database: location.database, tls: tls)
        configuration.options.connectTimeout = .seconds(5)
        do {
            return try await PostgresConnection.connect(configuration: configuration, id: 0, logger: logger)
        } catch let error as PSQLError {
            throw classify(error)
        } catch {
            throw PostgresOpenError(reason: .unreachable, message: "cannot reach PostgreSQL at \(location): \(error)")
        }
    }

    private func classify(_ error: PSQLError) -> PostgresOpenError {
        switch error.serverInfo?[.sqlState] {
        case "28P01", "28000":
            return PostgresOpenError(reason: .credentials, message: "PostgreSQL at \(location) refused the credentials: \(Self.serverMessage(error))")
        case "3D000":
            return PostgresOpenError(reason: .noDatabase, message: "PostgreSQL at \(location) has no database '\(location.database)'")
        case .some:
            return PostgresOpenError(reason: .unreachable, message: "PostgreSQL at \(location) refused the connection: \(Self.serverMessage(error))")
        case nil:
            if error.code == .sslUnsupported {
                return PostgresOpenError(reason: .tls, message: "PostgreSQL at \(location) offers no TLS (sslmode=\(location.tls.rawValue))")
            }
            if error.code == .failedToAddSSLHandler || error.underlying is NIOSSLError {
                return PostgresOpenError(reason: .tls, message: "TLS with PostgreSQL at \(location) failed: \(error.underlying.map { "\($0)" } ?? "\(error.code)")")
            }
            if error.code == .authMechanismRequiresPassword || error.code == .unsupportedAuthMechanism || error.code == .saslError {
                return PostgresOpenError(reason: .credentials, message: "PostgreSQL at \(location) refused the credentials (\(error.code))")
            }
            let cause = error.underlying.map { "\($0)" } ?? "\(error.code)"
            return PostgresOpenError(reason: .unreachable, message: "cannot reach PostgreSQL at \(location): \(cause)")
        }
    }

    private func serverVersion(_ connection: PostgresConnection) async throws -> Int {
        let rows = try await connection.query("SELECT current_setting('server_version_num')::int AS version", logger: logger).readers()
        return try rows.first?["version", as: Int.self] ?? 0
    }

    private func migrate(_ connection: PostgresConnection) async throws {
        try await connection.query("SELECT pg_advisory_lock(\(Self.migrationLock))", logger: logger)
        do {
            try await connection.query("CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, appliedAt BIGINT NOT NULL)",
                                       logger: logger)
            let applied = Set(try await connection.query("SELECT name FROM schema_migrations", logger: logger).readers()
                .map { try $0["name", as: String.self] })
            for migration in PostgresMigrations.all where !applied.contains(migration.name) {
                try await connection.query("BEGIN", logger: logger)
                do {
                    for statement in migration.statements {
                        try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                    }
                    let now = Date().millisecondsSince1970
                    try await connection.query("INSERT INTO schema_migrations (name, appliedAt) VALUES (\(migration.name), \(now))", logger: logger)
                    try await connection.query("COMMIT", logger: logger)
                } catch {
                    _ = try? await connection.query("ROLLBACK", logger: logger)
                    throw error
                }
            }
        } catch {
            _ = try? await connection.query("SELECT pg_advisory_unlock(\(Self.migrationLock))", logger: logger)
            throw error
        }
        try await connection.query("SELECT pg_advisory_unlock(\(Self.migrationLock))", logger: logger)
    }

    static func versionText(_ number: Int) -> String {
        "\(number / 10_000).\(number % 10_000)"
    }

    static func serverMessage(_ error: PSQLError) -> String {
        error.serverInfo?[.message] ?? "\(error.code)"
    }
}

import PostgresNIO
import Storage

extension PSQLError: StorageFailure {
    /// A full disk, a read-only or unreachable server, a lock that could not be had; nil for a
    /// programming error or a constraint the caller should have checked.
    public var storageError: StorageError? {
        let detail = serverInfo?[.message] ?? "\(code)"
        guard let state = serverInfo?[.sqlState] else {
            // No answer from the server: the connection or the pool failed.
            return StorageError(code: .io, message: "database connection: \(underlying.map { "\($0)" } ?? detail)")
        }
        switch state {
        case "53100":
            return StorageError(code: .noSpace, message: "database: \(detail)")
        case "25006", "42501":
            return StorageError(code: .notWritable, message: "database: \(detail)")
        case "55P03", "40P01", "40001":
            return StorageError(code: .locked, message: "database lock: \(detail)")
        case _ where state.hasPrefix("08") || state.hasPrefix("53") || state.hasPrefix("57") || state.hasPrefix("58"):
            return StorageError(code: .io, message: "database: \(detail)")
        default:
            return nil
        }
    }
}

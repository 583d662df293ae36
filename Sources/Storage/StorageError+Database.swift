import GRDB

extension StorageError {
    /// The storage failure behind any error the stores throw, so that callers need not know SQLite:
    /// a full disk, a database locked by another process, a read-only file. Nil when `error` is not
    /// a storage failure (a programming error, a constraint the caller should have checked).
    public static func classify(_ error: any Error) -> StorageError? {
        if let error = error as? StorageError { return error }
        guard let error = error as? DatabaseError else { return nil }
        let detail = error.message ?? "\(error.resultCode)"
        switch error.resultCode {
        case .SQLITE_FULL:
            return StorageError(code: .noSpace, message: "database: \(detail)")
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return StorageError(code: .locked, message: "database locked by another process: \(detail)")
        case .SQLITE_READONLY, .SQLITE_PERM, .SQLITE_CANTOPEN:
            return StorageError(code: .notWritable, message: "database: \(detail)")
        case .SQLITE_IOERR:
            return StorageError(code: .io, message: "database I/O: \(detail)")
        default:
            return nil
        }
    }
}

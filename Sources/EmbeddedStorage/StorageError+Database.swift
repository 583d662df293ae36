import GRDB
import Storage

extension DatabaseError: StorageFailure {
    /// A full disk, a database locked by another process, a read-only file; nil for a programming
    /// error or a constraint the caller should have checked.
    public var storageError: StorageError? {
        let detail = message ?? "\(resultCode)"
        switch resultCode {
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

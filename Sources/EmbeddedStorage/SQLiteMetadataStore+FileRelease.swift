import GRDB
import Storage

extension SQLiteMetadataStore {
    /// Runs `changes` in one transaction and, only once it is committed, deletes the files it
    /// released, still holding the one writer so that an upload of the same bytes cannot publish
    /// them in between. A commit that fails (full disk, I/O error, crash) so never leaves a row
    /// without its file; a crash after the commit leaves a file without a row, which start-up
    /// recovery removes. A file that cannot be deleted now is left to that recovery too.
    func writeReleasing<T: Sendable, File: Sendable>(
        _ changes: @escaping @Sendable (Database, inout [File]) throws -> T,
        remove: @escaping @Sendable (File) throws -> Void
    ) async throws -> T {
        try await pool.writeWithoutTransaction { db in
            var released: [File] = []
            var result: T?
            try db.inTransaction(.immediate) {
                released = []
                result = try changes(db, &released)
                return .commit
            }
            for file in released { try? remove(file) }
            return result!
        }
    }
}

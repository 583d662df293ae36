import Foundation
import Storage

/// Backups of the whole library, safe while the server runs, and their restoration into a fresh
/// place, through whichever ``LibraryArchiver`` the library's backend has.
public struct BackupService: Sendable {
    let archiver: any LibraryArchiver

    public init(archiver: any LibraryArchiver) {
        self.archiver = archiver
    }

    /// Copies the library into `destination`, a new or empty folder.
    public func backup(to destination: URL) throws -> BackupReport {
        try archiver.backup(to: destination)
    }

    /// Restores the backup in `source` into the library, which must hold nothing yet (a `conflict`
    /// storage error otherwise; `notFound` when `source` is not a finished backup).
    public func restore(from source: URL) throws -> BackupReport {
        try archiver.restore(from: source)
    }
}

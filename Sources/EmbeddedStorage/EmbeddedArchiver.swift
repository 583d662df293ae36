import Foundation
import Storage

/// The embedded library's backups (``LibraryBackup``): a media root and its database file.
public struct EmbeddedArchiver: LibraryArchiver {
    public let root: URL
    public let databasePath: String?

    public init(root: URL, databasePath: String? = nil) {
        self.root = root
        self.databasePath = databasePath
    }

    public func backup(to destination: URL) throws -> BackupReport {
        try LibraryBackup.backup(root: root, databasePath: databasePath, to: destination)
    }

    public func restore(from source: URL) throws -> BackupReport {
        try LibraryBackup.restore(from: source, into: root, databasePath: databasePath)
    }
}

import Foundation

/// Consistent copies of everything a library keeps (its database and the files it names), taken
/// while the server runs, and their restoration into an empty place. Each backend copies in its
/// own way; the embedded one makes a folder that is itself a media root.
public protocol LibraryArchiver: Sendable {
    /// Copies the library into `destination`, a new or empty folder.
    func backup(to destination: URL) throws -> BackupReport
    /// Copies the backup in `source` into the library, which must hold nothing yet; every file is
    /// checked before anything is written.
    func restore(from source: URL) throws -> BackupReport
}

/// What a backup or restore copied.
public struct BackupReport: Sendable, Equatable {
    public var recordings = 0
    public var files = 0
    public var bytes = 0
    /// Snapshots taken (more than one when files went away during the copy).
    public var snapshots = 0

    public init(recordings: Int = 0, files: Int = 0, bytes: Int = 0, snapshots: Int = 0) {
        self.recordings = recordings
        self.files = files
        self.bytes = bytes
        self.snapshots = snapshots
    }
}

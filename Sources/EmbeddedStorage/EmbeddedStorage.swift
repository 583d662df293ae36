import Foundation
import Storage

/// The embedded default: one SQLite database (`<root>/parlons.sqlite` unless told otherwise) for
/// every metadata store, and content-addressed files under the media root for the blobs.
public enum EmbeddedStorage {
    /// Opens (creating and migrating if needed) the stores under `root`.
    public static func open(root: URL, databasePath: String? = nil) throws -> Stores {
        // The folders first: they create the media root the database file goes in.
        let audio = try FileBlobStore(root: root, kind: .recordings)
        let peaks = try FileBlobStore(root: root, kind: .peaks)
        let pictures = try FileBlobStore(root: root, kind: .pictures)
        let database = try SQLiteMetadataStore(path: databasePath ?? root.appendingPathComponent("parlons.sqlite").path)
        return Stores(recordings: database, people: database, credentials: database, sessions: database, transcripts: database,
                      progress: database, scenarios: database, labels: database, photos: database, sync: database,
                      audio: audio, peaks: peaks, pictures: pictures)
    }
}

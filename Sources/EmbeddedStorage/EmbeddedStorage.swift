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

extension EmbeddedStorage {
    /// The stores of an existing media root and its rows in the shared form (what
    /// `parlons migrate-store` moves to other engines).
    ///
    /// - Throws: `StorageError` `.notFound` when `root` holds no database (it is not a media root).
    public static func openExisting(root: URL) throws -> (stores: Stores, rows: any PortableRowSource) {
        let path = root.appendingPathComponent("parlons.sqlite").path
        guard FileManager.default.fileExists(atPath: path) else {
            throw StorageError(code: .notFound, message: "\(root.path) is not a Parlons media root: it has no parlons.sqlite")
        }
        let stores = try open(root: root)
        guard let rows = stores.recordings as? SQLiteMetadataStore else {
            throw StorageError(code: .io, message: "the embedded stores are not on SQLite")
        }
        return (stores, rows)
    }
}

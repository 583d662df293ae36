import Foundation

/// Recordings as a whole: metadata rows and their Opus files kept consistent. A recording exists
/// once its file is durable and its row committed; deleting removes both.
public struct RecordingLibrary: Sendable {
    public let metadata: any RecordingMetadataStore
    public let blobs: any BlobStore
    /// People, groups, credentials and sessions (the same SQLite database as the metadata).
    public let directory: SQLiteMetadataStore
    /// Photos of people and groups.
    public let pictures: any BlobStore

    public init(store: SQLiteMetadataStore, blobs: any BlobStore, pictures: any BlobStore) {
        self.metadata = store
        self.directory = store
        self.blobs = blobs
        self.pictures = pictures
    }

    /// The embedded default: `<root>/parlons.sqlite` and Opus files under `<root>/recordings/`.
    public static func open(root: URL, databasePath: String? = nil) throws -> RecordingLibrary {
        let blobs = try FileBlobStore(root: root)
        let pictures = try FileBlobStore(root: root, folder: "pictures", fileExtension: "img")
        let store = try SQLiteMetadataStore(path: databasePath ?? root.appendingPathComponent("parlons.sqlite").path)
        return RecordingLibrary(store: store, blobs: blobs, pictures: pictures)
    }

    /// Publishes the finished file and commits its row; on return both are durable.
    public func add(_ recording: Recording, blob: FinishedBlob) async throws -> Recording {
        precondition(recording.sha256 == blob.sha256 && recording.byteSize == blob.byteCount)
        let blobs = self.blobs
        return try await metadata.insert(recording) { try blobs.publish(blob) }
    }

    /// Deletes the row and, when no other recording shares the same bytes, the file.
    public func delete(id: String) async throws -> Recording? {
        let blobs = self.blobs
        return try await metadata.delete(id: id) { try blobs.remove(sha256: $0) }
    }

    /// Withdraws a recording for good: row, consents and (unless another row shares the bytes) the
    /// Opus file are deleted; a tombstone without content remains.
    public func withdraw(id: String, by personId: String?) async throws -> Tombstone? {
        let blobs = self.blobs
        return try await metadata.withdraw(id: id, by: personId, now: Date()) { try blobs.remove(sha256: $0) }
    }

    /// Start-up recovery: removes unfinished uploads and files no row refers to.
    public func recover() async throws -> RecoveryReport {
        var report = try blobs.recover(keeping: try await metadata.referencedHashes())
        let photos = try pictures.recover(keeping: try await directory.referencedPictureHashes())
        report.unfinishedWritesRemoved += photos.unfinishedWritesRemoved
        report.orphanBlobsRemoved += photos.orphanBlobsRemoved
        return report
    }
}

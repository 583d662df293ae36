import Foundation

/// Recordings as a whole: metadata rows and their Opus files kept consistent. A recording exists
/// once its file is durable and its row committed; deleting removes both.
public struct RecordingLibrary: Sendable {
    public let metadata: any RecordingMetadataStore
    public let blobs: any BlobStore

    public init(metadata: any RecordingMetadataStore, blobs: any BlobStore) {
        self.metadata = metadata
        self.blobs = blobs
    }

    /// The embedded default: `<root>/parlons.sqlite` and Opus files under `<root>/recordings/`.
    public static func open(root: URL, databasePath: String? = nil) throws -> RecordingLibrary {
        let blobs = try FileBlobStore(root: root)
        let metadata = try SQLiteMetadataStore(path: databasePath ?? root.appendingPathComponent("parlons.sqlite").path)
        return RecordingLibrary(metadata: metadata, blobs: blobs)
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

    /// Start-up recovery: removes unfinished uploads and files no row refers to.
    public func recover() async throws -> RecoveryReport {
        try blobs.recover(keeping: try await metadata.referencedHashes())
    }
}

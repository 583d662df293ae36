import Foundation

/// Recordings as a whole: metadata rows and their Opus files kept consistent. A recording exists
/// once its file is durable and its row committed; deleting removes both.
public struct RecordingLibrary: Sendable {
    /// Every store, by area.
    public let stores: Stores
    public var metadata: any RecordingStore { stores.recordings }
    public var blobs: any BlobStore { stores.audio }
    /// Photos of people and groups.
    public var pictures: any BlobStore { stores.pictures }
    /// Waveform peaks of recordings.
    public var peaks: any BlobStore { stores.peaks }

    public init(stores: Stores) {
        self.stores = stores
    }

    /// Publishes the finished files and commits the row (with the upload's key, when it has one);
    /// on return all are durable.
    public func add(_ recording: Recording, blob: FinishedBlob, peaks peaksBlob: FinishedBlob? = nil, uploadKey: UploadKey? = nil) async throws -> Recording {
        precondition(recording.sha256 == blob.sha256 && recording.byteSize == blob.byteCount)
        precondition(recording.peaksSha256 == peaksBlob?.sha256)
        let blobs = self.blobs, peaks = self.peaks
        let publish: @Sendable () throws -> Void = {
            try blobs.publish(blob)
            if let peaksBlob { try peaks.publish(peaksBlob) }
        }
        return try await metadata.insert(recording, uploadKey: uploadKey, publishing: publish, unpublishing: remover)
    }

    /// Deletes the row and, when no other recording shares the same bytes, the file.
    public func delete(id: String) async throws -> Recording? {
        return try await metadata.delete(id: id, unreferenced: remover)
    }

    /// Withdraws a recording for good: row, consents and (unless another row shares the bytes) the
    /// Opus file are deleted; a tombstone without content remains.
    public func withdraw(id: String, by personId: String?) async throws -> Tombstone? {
        return try await metadata.withdraw(id: id, by: personId, now: Date(), unreferenced: remover)
    }

    /// Deletes a file no row refers to any more, from the store it lives in.
    private var remover: @Sendable (RecordingBlob) throws -> Void {
        let blobs = self.blobs, peaks = self.peaks, pictures = self.pictures
        return { blob in
            switch blob {
            case .audio(let sha): try blobs.remove(sha256: sha)
            case .peaks(let sha): try peaks.remove(sha256: sha)
            case .picture(let sha): try pictures.remove(sha256: sha)
            }
        }
    }

    /// Start-up recovery: removes unfinished uploads and files no row refers to.
    public func recover() async throws -> RecoveryReport {
        var report = try blobs.recover(keeping: try await metadata.referencedHashes())
        for other in [try pictures.recover(keeping: try await stores.photos.referencedPictureHashes()),
                      try peaks.recover(keeping: try await metadata.referencedPeaksHashes())] {
            report.unfinishedWritesRemoved += other.unfinishedWritesRemoved
            report.orphanBlobsRemoved += other.orphanBlobsRemoved
        }
        return report
    }
}

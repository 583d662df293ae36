import Foundation
import GRDB

extension SQLiteMetadataStore {
    /// The recording an earlier upload with this key made, if any (it may since be withdrawn).
    public func recordingId(for uploadKey: UploadKey) async throws -> String? {
        try await pool.read { db in
            try String.fetchOne(db, sql: "SELECT recordingId FROM uploadKey WHERE ownerId = ? AND key = ?",
                                arguments: [uploadKey.ownerId, uploadKey.key])
        }
    }

    /// Inserts the recording and remembers its upload key in the same transaction, so a key never
    /// exists without its recording nor a keyed recording without its key.
    /// A failed commit removes the files it published, as ``insert(_:publishing:unpublishing:)`` does.
    func insert(_ recording: Recording, uploadKey: UploadKey, publishing publish: @escaping @Sendable () throws -> Void,
                unpublishing unreferenced: @escaping @Sendable (RecordingBlob) throws -> Void) async throws -> Recording {
        try await insert(recording, publishing: publish, unpublishing: unreferenced) { db, row in
            try db.execute(sql: "INSERT INTO uploadKey (ownerId, key, recordingId, createdAt) VALUES (?, ?, ?, ?)",
                           arguments: [uploadKey.ownerId, uploadKey.key, row.id, recording.createdAt.millisecondsSince1970])
        }
    }
}

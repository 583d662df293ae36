import Foundation
import GRDB
import Storage

extension SQLiteMetadataStore {
    /// The recording an earlier upload with this key made, if any (it may since be withdrawn).
    public func recordingId(for uploadKey: UploadKey) async throws -> String? {
        try await pool.read { db in
            try String.fetchOne(db, sql: "SELECT recordingId FROM uploadKey WHERE ownerId = ? AND key = ?",
                                arguments: [uploadKey.ownerId, uploadKey.key])
        }
    }
}

import Foundation
import PostgresNIO
import Storage

extension PostgresMetadataStore {
    /// Makes sure the photo has its record here (from the batch when it arrives with it), so a row
    /// may show it; a conflict when it is neither here nor in the batch (the file is not here).
    static func adoptPicture(_ sha256: String?, from arriving: [String: Picture], _ transaction: Transaction) async throws {
        guard let sha256, try await transaction.rows("SELECT 1 FROM picture WHERE sha256 = \(sha256)").isEmpty else { return }
        guard let picture = arriving[sha256] else {
            throw StorageError(code: .conflict, message: "photo \(sha256) is neither in the bundle nor here")
        }
        try await transaction.run("""
            INSERT INTO picture (sha256, contentType, byteSize, createdAt)
            VALUES (\(picture.sha256), \(picture.contentType), \(picture.byteSize), \(picture.createdAt.millisecondsSince1970))
            """)
    }

    /// After a row stopped showing `sha256`: a photo no person or group shows goes, its file once committed.
    static func releasePicture(_ sha256: String?, _ transaction: Transaction, _ released: (RecordingBlob) throws -> Void) async throws {
        guard let sha256, try await pictureUses(sha256, transaction) == 0 else { return }
        try await transaction.run("DELETE FROM picture WHERE sha256 = \(sha256)")
        try released(.picture(sha256))
    }
}

import Foundation
import GRDB
import Storage

extension SQLiteMetadataStore {
    /// Makes sure the photo has its record here (from the batch when it arrives with it), so a row
    /// may show it; a conflict when it is neither here nor in the batch (the file is not here).
    static func adoptPicture(_ sha256: String?, from arriving: [String: Picture], _ db: Database) throws {
        guard let sha256, try Picture.fetchOne(db, key: sha256) == nil else { return }
        guard let picture = arriving[sha256] else {
            throw StorageError(code: .conflict, message: "photo \(sha256) is neither in the bundle nor here")
        }
        try picture.insert(db)
    }

    /// After a row stopped showing `sha256`: a photo no person or group shows goes, its file once committed.
    static func releasePicture(_ sha256: String?, _ db: Database, _ released: (RecordingBlob) throws -> Void) throws {
        guard let sha256, try pictureUses(sha256, db) == 0 else { return }
        try Picture.deleteOne(db, key: sha256)
        try released(.picture(sha256))
    }
}

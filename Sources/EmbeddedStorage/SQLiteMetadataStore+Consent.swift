import Foundation
import GRDB
import Storage

extension SQLiteMetadataStore {
    public func insert(_ consent: Consent) async throws {
        try await writeChecked("consent") { db in try consent.insert(db) }
    }

    public func consents(recordingId: String) async throws -> [Consent] {
        try await pool.read { db in try Consent.filter(Consent.Columns.recordingId == recordingId).order(Consent.Columns.givenAt).fetchAll(db) }
    }

    /// The widest visibility the owner has consented to for this recording, if any.
    public func widestConsent(recordingId: String, ownerId: String) async throws -> Visibility? {
        try await consents(recordingId: recordingId).filter { $0.personId == ownerId }.map(\.visibility).max()
    }

    public func setVisibility(id: String, visibility: Visibility, sharedWithMentor: Bool) async throws -> Recording? {
        try await pool.write { db in
            guard var row = try Recording.filter(publicId: id).fetchOne(db) else { return nil }
            row.visibility = visibility
            row.sharedWithMentor = sharedWithMentor
            try row.update(db, columns: ["visibility", "sharedWithMentor"])
            return row
        }
    }

    /// Withdraws a recording for good: its row and consents go, a tombstone stays, and
    /// `unreferenced` deletes the audio and peaks no other row shares, once that is committed.
    public func withdraw(id: String, by personId: String?, now: Date = Date(),
                         unreferenced: @escaping @Sendable (RecordingBlob) throws -> Void) async throws -> Tombstone? {
        try await writeReleasing({ db, released in
            guard let row = try Recording.filter(publicId: id).fetchOne(db) else { return nil }
            try Recording.filter(publicId: id).deleteAll(db)
            try Consent.filter(Consent.Columns.recordingId == id).deleteAll(db)
            let tombstone = Tombstone(recordingId: id, ownerId: row.ownerId, withdrawnAt: now, withdrawnBy: personId)
            try tombstone.insert(db, onConflict: .replace)
            try Self.release(row, db) { released.append($0) }
            return tombstone
        }, remove: unreferenced)
    }

    public func tombstone(recordingId: String) async throws -> Tombstone? {
        try await pool.read { db in try Tombstone.fetchOne(db, key: recordingId) }
    }
}

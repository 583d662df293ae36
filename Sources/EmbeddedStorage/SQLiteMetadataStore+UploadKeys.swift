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

    /// One write: takes the claim when there is none, it is this claimant's, or its lease ran out.
    public func claimUploadKey(_ uploadKey: UploadKey, claimant: String, now: Date, expiresAt: Date) async throws -> Bool {
        try await pool.write { db in
            try db.execute(sql: """
                INSERT INTO uploadClaim (ownerId, key, claimant, expiresAt) VALUES (?, ?, ?, ?)
                ON CONFLICT (ownerId, key) DO UPDATE SET claimant = excluded.claimant, expiresAt = excluded.expiresAt
                WHERE uploadClaim.claimant = excluded.claimant OR uploadClaim.expiresAt <= ?
                """, arguments: [uploadKey.ownerId, uploadKey.key, claimant, expiresAt.millisecondsSince1970, now.millisecondsSince1970])
            return db.changesCount > 0
        }
    }

    public func releaseUploadKey(_ uploadKey: UploadKey, claimant: String) async throws {
        try await pool.write { db in
            try db.execute(sql: "DELETE FROM uploadClaim WHERE ownerId = ? AND key = ? AND claimant = ?",
                           arguments: [uploadKey.ownerId, uploadKey.key, claimant])
        }
    }
}

import Foundation
import PostgresNIO
import Storage

extension PostgresMetadataStore {
    /// Inserts the row (and the upload's key in the same transaction: never a key without its
    /// recording) once `publish` has put the files in place, under the blobs lock; a failed commit
    /// takes back the files it published that no row names.
    public func insert(_ recording: Recording, uploadKey: UploadKey?, publishing publish: @escaping @Sendable () throws -> Void,
                       unpublishing unreferenced: @escaping @Sendable (RecordingBlob) throws -> Void) async throws -> Recording {
        do {
            return try await transactionReleasing("recording \(recording.id)", lock: WriterLock.blobs, { (transaction, _: inout [RecordingBlob]) in
                try publish()
                let row = try await recording.inserted(transaction)
                if let uploadKey {
                    try await transaction.run("""
                        INSERT INTO uploadKey (ownerId, key, recordingId, createdAt)
                        VALUES (\(uploadKey.ownerId), \(uploadKey.key), \(row.id), \(recording.createdAt.millisecondsSince1970))
                        """)
                }
                return row
            }, remove: unreferenced)
        } catch {
            // The commit failed (an id or upload key already taken, the server gone): files
            // already published must not outlive it.
            _ = try? await transactionReleasing(lock: WriterLock.blobs, { transaction, released in
                try await Self.release(recording, transaction) { released.append($0) }
            }, remove: unreferenced)
            throw error
        }
    }

    public func recording(id: String) async throws -> Recording? {
        try await rows("SELECT \(unescaped: Recording.columns) FROM recording r WHERE r.id = \(id)").first.map(Recording.init(row:))
    }

    public func recordings(limit: Int, before: Int64?) async throws -> [Recording] {
        var query = BoundQuery("SELECT \(Recording.columns) FROM recording r")
        if let before { query.append(" WHERE r.seq < \(query.bind(before))") }
        query.append(" ORDER BY r.seq DESC LIMIT \(query.bind(limit))")
        return try await rows(query).map(Recording.init(row:))
    }

    public func update(id: String, title: String?, language: String?, picture: String?) async throws -> Recording? {
        try await transaction("recording \(id)") { transaction in
            try await transaction.rows("""
                UPDATE recording r SET title = COALESCE(\(title), r.title), language = COALESCE(\(language), r.language),
                picture = COALESCE(\(picture), r.picture) WHERE r.id = \(id) RETURNING \(unescaped: Recording.columns)
                """).first.map(Recording.init(row:))
        }
    }

    public func setGroup(id: String, groupId: String?) async throws -> Recording? {
        try await transaction("recording \(id)") { transaction in
            try await transaction.rows("""
                UPDATE recording r SET groupId = \(groupId) WHERE r.id = \(id) RETURNING \(unescaped: Recording.columns)
                """).first.map(Recording.init(row:))
        }
    }

    public func delete(id: String, unreferenced: @escaping @Sendable (RecordingBlob) throws -> Void) async throws -> Recording? {
        try await transactionReleasing("recording \(id)", lock: WriterLock.blobs, { transaction, released in
            guard let row = try await transaction.rows("DELETE FROM recording r WHERE r.id = \(id) RETURNING \(unescaped: Recording.columns)")
                .first.map(Recording.init(row:)) else { return nil }
            try await Self.release(row, transaction) { released.append($0) }
            return row
        }, remove: unreferenced)
    }

    /// After `row` is gone: hands out its files that no remaining row refers to.
    static func release(_ row: Recording, _ transaction: Transaction, _ unreferenced: (RecordingBlob) throws -> Void) async throws {
        if try await transaction.rows("SELECT 1 FROM recording WHERE sha256 = \(row.sha256) LIMIT 1").isEmpty {
            try unreferenced(.audio(row.sha256))
        }
        if let peaks = row.peaksSha256, try await transaction.rows("SELECT 1 FROM recording WHERE peaksSha256 = \(peaks) LIMIT 1").isEmpty {
            try unreferenced(.peaks(peaks))
        }
    }

    public func referencedHashes() async throws -> Set<String> {
        Set(try await rows("SELECT DISTINCT sha256 FROM recording").map { try $0["sha256", as: String.self] })
    }

    public func referencedPeaksHashes() async throws -> Set<String> {
        Set(try await rows("SELECT DISTINCT peaksSha256 FROM recording WHERE peaksSha256 IS NOT NULL").map { try $0["peaksSha256", as: String.self] })
    }

    public func count() async throws -> Int {
        try await rows("SELECT COUNT(*) AS n FROM recording").first?["n", as: Int.self] ?? 0
    }

    /// The recording an earlier upload with this key made, if any (it may since be withdrawn).
    public func recordingId(for uploadKey: UploadKey) async throws -> String? {
        try await rows("SELECT recordingId FROM uploadKey WHERE ownerId = \(uploadKey.ownerId) AND key = \(uploadKey.key)")
            .first?["recordingId", as: String.self]
    }

    /// One statement: takes the claim when there is none, it is this claimant's, or its lease ran
    /// out (two nodes claiming at once: the primary key lets one insert, the other sees its row).
    public func claimUploadKey(_ uploadKey: UploadKey, claimant: String, now: Date, expiresAt: Date) async throws -> Bool {
        try await !rows("""
            INSERT INTO uploadClaim (ownerId, key, claimant, expiresAt)
            VALUES (\(uploadKey.ownerId), \(uploadKey.key), \(claimant), \(expiresAt.millisecondsSince1970))
            ON CONFLICT (ownerId, key) DO UPDATE SET claimant = EXCLUDED.claimant, expiresAt = EXCLUDED.expiresAt
            WHERE uploadClaim.claimant = EXCLUDED.claimant OR uploadClaim.expiresAt <= \(now.millisecondsSince1970)
            RETURNING claimant
            """).isEmpty
    }

    public func releaseUploadKey(_ uploadKey: UploadKey, claimant: String) async throws {
        try await run("DELETE FROM uploadClaim WHERE ownerId = \(uploadKey.ownerId) AND key = \(uploadKey.key) AND claimant = \(claimant)")
    }

    /// True when a recording that is not shipped scenario audio has exactly these bytes.
    public func isStoredRecording(sha256: String) async throws -> Bool {
        try await !rows("""
            SELECT 1 FROM recording WHERE sha256 = \(sha256) AND id NOT IN (SELECT recordingId FROM shippedMedia) LIMIT 1
            """).isEmpty
    }
}

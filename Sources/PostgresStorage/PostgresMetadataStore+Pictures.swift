import Foundation
import PostgresNIO
import Storage

extension PostgresMetadataStore {
    /// Sets (or with nil clears) a person's or group's photo. `publish` runs first under the blobs
    /// lock (making the file visible); a photo nobody uses any more is removed by `unreferenced`
    /// once the change is committed, and so is the new one when the change fails.
    public func setPhoto(_ picture: Picture?, for owner: PhotoOwner, publish: @escaping @Sendable () throws -> Void,
                         unreferenced: @escaping @Sendable (String) throws -> Void) async throws -> Bool {
        let (table, column, id): (String, String, String) = switch owner {
        case .person(let id): ("person", "avatarPhoto", id)
        case .group(let id): ("learningGroup", "picturePhoto", id)
        }
        do {
            return try await transactionReleasing("photo", lock: WriterLock.blobs, { transaction, released in
                guard let previous = try await transaction.rows("SELECT \(unescaped: column) AS photo FROM \(unescaped: table) WHERE id = \(id) FOR UPDATE")
                    .first else { return false }
                let old: String? = try previous["photo"]
                if let picture {
                    try publish()
                    try await transaction.run("""
                        INSERT INTO picture (sha256, contentType, byteSize, createdAt)
                        VALUES (\(picture.sha256), \(picture.contentType), \(picture.byteSize), \(picture.createdAt.millisecondsSince1970))
                        ON CONFLICT DO NOTHING
                        """)
                }
                try await transaction.run("UPDATE \(unescaped: table) SET \(unescaped: column) = \(picture?.sha256) WHERE id = \(id)")
                if let old, old != picture?.sha256, try await Self.pictureUses(old, transaction) == 0 {
                    try await transaction.run("DELETE FROM picture WHERE sha256 = \(old)")
                    released.append(old)
                }
                return true
            }, remove: unreferenced)
        } catch {
            if let sha = picture?.sha256 {
                _ = try? await transactionReleasing(lock: WriterLock.blobs, { transaction, released in
                    if try await Self.pictureUses(sha, transaction) == 0 { released.append(sha) }
                }, remove: unreferenced)
            }
            throw error
        }
    }

    public func picture(sha256: String) async throws -> Picture? {
        try await rows("SELECT * FROM picture WHERE sha256 = \(sha256)").first.map(Picture.init(row:))
    }

    /// Every photo some person or group uses (for start-up recovery).
    public func referencedPictureHashes() async throws -> Set<String> {
        Set(try await rows("""
            SELECT avatarPhoto AS sha256 FROM person WHERE avatarPhoto IS NOT NULL
            UNION SELECT picturePhoto FROM learningGroup WHERE picturePhoto IS NOT NULL
            """).map { try $0["sha256", as: String.self] })
    }

    /// How many people and groups use this photo.
    static func pictureUses(_ sha256: String, _ transaction: Transaction) async throws -> Int {
        try await transaction.rows("""
            SELECT (SELECT COUNT(*) FROM person WHERE avatarPhoto = \(sha256)) + (SELECT COUNT(*) FROM learningGroup WHERE picturePhoto = \(sha256)) AS uses
            """).first?["uses", as: Int.self] ?? 0
    }
}

import Foundation
import GRDB
import Storage

extension SQLiteMetadataStore {
    /// Sets (or with nil clears) a person's or group's photo. `publish` runs first in the same
    /// write (making the file visible); a photo nobody uses any more is removed by `unreferenced`
    /// once the change is committed, and so is the new one when the change fails.
    public func setPhoto(
        _ picture: Picture?, for owner: PhotoOwner,
        publish: @escaping @Sendable () throws -> Void,
        unreferenced: @escaping @Sendable (String) throws -> Void
    ) async throws -> Bool {
        do {
            return try await writeReleasing({ db, released in
                let (table, column, id): (String, String, String) = switch owner {
                case .person(let id): ("person", "avatarPhoto", id)
                case .group(let id): ("learningGroup", "picturePhoto", id)
                }
                guard let previous = try Row.fetchOne(db, sql: "SELECT \(column) FROM \(table) WHERE id = ?", arguments: [id]) else { return false }
                let old: String? = previous[column]
                if let picture {
                    try publish()
                    try picture.insert(db, onConflict: .ignore)
                }
                try db.execute(sql: "UPDATE \(table) SET \(column) = ? WHERE id = ?", arguments: [picture?.sha256, id])
                if let old, old != picture?.sha256, try Self.pictureUses(old, db) == 0 {
                    try Picture.deleteOne(db, key: old)
                    released.append(old)
                }
                return true
            }, remove: unreferenced)
        } catch {
            if let sha = picture?.sha256 {
                _ = try? await writeReleasing({ db, released in
                    if try Self.pictureUses(sha, db) == 0 { released.append(sha) }
                }, remove: unreferenced)
            }
            throw error
        }
    }

    public func picture(sha256: String) async throws -> Picture? {
        try await pool.read { db in try Picture.fetchOne(db, key: sha256) }
    }

    /// Every photo some person or group uses (for start-up recovery).
    public func referencedPictureHashes() async throws -> Set<String> {
        try await pool.read { db in try Self.pictureHashes(db) }
    }

    static func pictureHashes(_ db: Database) throws -> Set<String> {
        try Set(String.fetchAll(db, sql: """
            SELECT avatarPhoto FROM person WHERE avatarPhoto IS NOT NULL
            UNION SELECT picturePhoto FROM learningGroup WHERE picturePhoto IS NOT NULL
            """))
    }

    /// How many people and groups use this photo.
    static func pictureUses(_ sha256: String, _ db: Database) throws -> Int {
        try Int.fetchOne(db, sql: """
            SELECT (SELECT COUNT(*) FROM person WHERE avatarPhoto = :sha) + (SELECT COUNT(*) FROM learningGroup WHERE picturePhoto = :sha)
            """, arguments: ["sha": sha256]) ?? 0
    }
}

import Foundation
import GRDB
import Storage

extension SQLiteMetadataStore {
    public func editClocks(_ kind: SyncItemKind, ids: [String]) async throws -> [SyncEditClock] {
        guard let (table, key) = kind.editedTable, !ids.isEmpty else { return [] }
        return try await pool.read { db in
            let placeholders = Array(repeating: "?", count: ids.count).joined(separator: ", ")
            return try Row.fetchAll(db, sql: "SELECT \(key) AS id, editedAt FROM \(table) WHERE editedAt > 0 AND \(key) IN (\(placeholders)) ORDER BY \(key)",
                                    arguments: StatementArguments(ids))
                .map { SyncEditClock(kind: kind, itemId: $0["id"], editedAt: $0["editedAt"]) }
        }
    }

    static func editedAt(_ kind: SyncItemKind, _ id: String, _ db: Database) throws -> Int64 {
        guard let (table, key) = kind.editedTable else { return 0 }
        return try Int64.fetchOne(db, sql: "SELECT editedAt FROM \(table) WHERE \(key) = ?", arguments: [id]) ?? 0
    }

    /// Writes the other side's edit with its clock. Two writes, so the clock is never taken for an
    /// edit made here (the stamping triggers fire only when `editedAt` is left alone).
    static func writeEdit(_ kind: SyncItemKind, _ id: String, fields: [String: (any DatabaseValueConvertible)?], clock: Int64,
                          _ db: Database) throws {
        guard let (table, key) = kind.editedTable else { return }
        try db.execute(sql: "UPDATE \(table) SET editedAt = -1 WHERE \(key) = ?", arguments: [id])
        let names = fields.keys.sorted()
        var arguments = StatementArguments(names.map { fields[$0]! })
        arguments += [clock, id]
        try db.execute(sql: "UPDATE \(table) SET \(names.map { "\($0) = ?" }.joined(separator: ", ")), editedAt = ? WHERE \(key) = ?",
                       arguments: arguments)
    }

    /// The person's editable fields as compared on a tie.
    static func editFields(_ person: Person) -> [String] {
        [person.name.lowercased(), person.displayName, person.avatar ?? "", person.languages.joined(separator: ","), person.avatarPhoto ?? ""]
    }

    /// A person held here takes the other side's later edit of their names, avatar, languages and
    /// photo (never their sign-in secrets); a photo nobody shows any more goes.
    static func applyEdit(_ person: Person, held: Person, clock: Int64, pictures: [String: Picture], _ db: Database,
                          _ released: (RecordingBlob) throws -> Void) throws -> SyncEditOutcome {
        let outcome = SyncEditOutcome(clock, editFields(person), over: try editedAt(.person, held.id, db), editFields(held))
        guard outcome == .taken else { return outcome }
        let name = person.name.lowercased()
        if let other = try String.fetchOne(db, sql: "SELECT id FROM person WHERE name = ? AND id <> ?", arguments: [name, held.id]) {
            throw StorageError(code: .conflict,
                               message: "the name '\(person.name)' belongs to another person here (\(other)) than in the bundle (\(person.id))")
        }
        var edited = held
        edited.name = name
        edited.displayName = person.displayName
        edited.avatar = person.avatar
        edited.languages = person.languages
        let encoded = try edited.databaseDictionary
        try adoptPicture(person.avatarPhoto, from: pictures, db)
        try writeEdit(.person, held.id, fields: ["name": name, "displayName": person.displayName, "avatar": person.avatar,
                                                 "languages": encoded["languages"], "avatarPhoto": person.avatarPhoto], clock: clock, db)
        if held.avatarPhoto != person.avatarPhoto { try releasePicture(held.avatarPhoto, db, released) }
        return .taken
    }

    /// The group held here takes the other side's later edit of its name, picture and photo; a
    /// photo nobody shows any more goes.
    static func applyEdit(_ group: LearningGroup, held: LearningGroup, clock: Int64, pictures: [String: Picture], _ db: Database,
                          _ released: (RecordingBlob) throws -> Void) throws -> SyncEditOutcome {
        let fields = { (group: LearningGroup) in [group.name, group.picture ?? "", group.picturePhoto ?? ""] }
        let outcome = SyncEditOutcome(clock, fields(group), over: try editedAt(.group, held.id, db), fields(held))
        guard outcome == .taken else { return outcome }
        try adoptPicture(group.picturePhoto, from: pictures, db)
        try writeEdit(.group, held.id, fields: ["name": group.name, "picture": group.picture, "picturePhoto": group.picturePhoto],
                      clock: clock, db)
        if held.picturePhoto != group.picturePhoto { try releasePicture(held.picturePhoto, db, released) }
        return .taken
    }

    /// The recording held here takes the other side's later edit of its title, language and picture.
    static func applyEdit(_ recording: Recording, held: Recording, clock: Int64, _ db: Database) throws -> SyncEditOutcome {
        let fields = { (recording: Recording) in [recording.title, recording.language, recording.picture ?? ""] }
        let outcome = SyncEditOutcome(clock, fields(recording), over: try editedAt(.recording, held.id, db), fields(held))
        guard outcome == .taken else { return outcome }
        try writeEdit(.recording, held.id, fields: ["title": recording.title, "language": recording.language, "picture": recording.picture],
                      clock: clock, db)
        return .taken
    }

    /// The scenario held here takes the other side's later change of its visibility.
    static func applyEdit(_ scenario: ScenarioRecord, held: ScenarioRecord, clock: Int64, _ db: Database) throws -> SyncEditOutcome {
        let outcome = SyncEditOutcome(clock, [scenario.visibility.rawValue], over: try editedAt(.scenario, held.slug, db), [held.visibility.rawValue])
        guard outcome == .taken else { return outcome }
        try writeEdit(.scenario, held.slug, fields: ["visibility": scenario.visibility.rawValue], clock: clock, db)
        return .taken
    }

    /// A row that arrived for the first time keeps the other side's clock.
    static func keepClock(_ kind: SyncItemKind, _ id: String, _ clock: Int64, _ db: Database) throws {
        guard clock > 0, let (table, key) = kind.editedTable else { return }
        try db.execute(sql: "UPDATE \(table) SET editedAt = ? WHERE \(key) = ?", arguments: [clock, id])
    }
}

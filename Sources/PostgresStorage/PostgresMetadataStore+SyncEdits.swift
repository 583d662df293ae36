import Foundation
import PostgresNIO
import Storage

extension PostgresMetadataStore {
    public func editClocks(_ kind: SyncItemKind, ids: [String]) async throws -> [SyncEditClock] {
        guard let (table, key) = kind.editedTable, !ids.isEmpty else { return [] }
        return try await rows("""
            SELECT \(unescaped: key) AS itemId, editedAt FROM \(unescaped: table) WHERE editedAt > 0 AND \(unescaped: key) = ANY(\(ids))
            ORDER BY \(unescaped: key) COLLATE "C"
            """).map { SyncEditClock(kind: kind, itemId: try $0["itemId"], editedAt: try $0["editedAt"]) }
    }

    static func editedAt(_ kind: SyncItemKind, _ id: String, _ transaction: Transaction) async throws -> Int64 {
        guard let (table, key) = kind.editedTable else { return 0 }
        return try await transaction.rows("SELECT editedAt FROM \(unescaped: table) WHERE \(unescaped: key) = \(id)").first?["editedAt"] ?? 0
    }

    /// Writes the other side's edit with its clock. Two writes, so the clock is never taken for an
    /// edit made here (the stamping triggers move it only when a write leaves `editedAt` alone).
    static func writeEdit(_ kind: SyncItemKind, _ id: String, clock: Int64, _ transaction: Transaction,
                          fields: (inout BoundQuery) -> String) async throws {
        guard let (table, key) = kind.editedTable else { return }
        try await transaction.run("UPDATE \(unescaped: table) SET editedAt = -1 WHERE \(unescaped: key) = \(id)")
        var query = BoundQuery("UPDATE \(table) SET ")
        let assignments = fields(&query)
        query.append("\(assignments), editedAt = \(query.bind(clock)) WHERE \(key) = \(query.bind(id))")
        try await transaction.run(query)
    }

    /// The person's editable fields as compared on a tie.
    static func editFields(_ person: Person) -> [String] {
        [person.name.lowercased(), person.displayName, person.avatar ?? "", person.languages.joined(separator: ","), person.avatarPhoto ?? ""]
    }

    /// A person held here takes the other side's later edit of their names, avatar, languages and
    /// photo (never their sign-in secrets); a photo nobody shows any more goes.
    static func applyEdit(_ person: Person, held: Person, clock: Int64, pictures: [String: Picture], _ transaction: Transaction,
                          _ released: (RecordingBlob) throws -> Void) async throws -> SyncEditOutcome {
        let outcome = SyncEditOutcome(clock, editFields(person), over: try await editedAt(.person, held.id, transaction), editFields(held))
        guard outcome == .taken else { return outcome }
        let name = person.name.lowercased()
        if let other: String = try await transaction.rows("SELECT id FROM person WHERE name = \(name) AND id <> \(held.id)").first?["id"] {
            throw StorageError(code: .conflict,
                               message: "the name '\(person.name)' belongs to another person here (\(other)) than in the bundle (\(person.id))")
        }
        try await adoptPicture(person.avatarPhoto, from: pictures, transaction)
        try await writeEdit(.person, held.id, clock: clock, transaction) { query in
            "name = \(query.bind(name)), displayName = \(query.bind(person.displayName)), avatar = \(query.bind(person.avatar)), "
                + "languages = \(query.bind(person.languagesJSON)), avatarPhoto = \(query.bind(person.avatarPhoto))"
        }
        if held.avatarPhoto != person.avatarPhoto { try await releasePicture(held.avatarPhoto, transaction, released) }
        return .taken
    }

    /// The group held here takes the other side's later edit of its name, picture and photo; a
    /// photo nobody shows any more goes.
    static func applyEdit(_ group: LearningGroup, held: LearningGroup, clock: Int64, pictures: [String: Picture], _ transaction: Transaction,
                          _ released: (RecordingBlob) throws -> Void) async throws -> SyncEditOutcome {
        let fields = { (group: LearningGroup) in [group.name, group.picture ?? "", group.picturePhoto ?? ""] }
        let outcome = SyncEditOutcome(clock, fields(group), over: try await editedAt(.group, held.id, transaction), fields(held))
        guard outcome == .taken else { return outcome }
        try await adoptPicture(group.picturePhoto, from: pictures, transaction)
        try await writeEdit(.group, held.id, clock: clock, transaction) { query in
            "name = \(query.bind(group.name)), picture = \(query.bind(group.picture)), picturePhoto = \(query.bind(group.picturePhoto))"
        }
        if held.picturePhoto != group.picturePhoto { try await releasePicture(held.picturePhoto, transaction, released) }
        return .taken
    }

    /// The recording held here takes the other side's later edit of its title, language and picture.
    static func applyEdit(_ recording: Recording, held: Recording, clock: Int64, _ transaction: Transaction) async throws -> SyncEditOutcome {
        let fields = { (recording: Recording) in [recording.title, recording.language, recording.picture ?? ""] }
        let outcome = SyncEditOutcome(clock, fields(recording), over: try await editedAt(.recording, held.id, transaction), fields(held))
        guard outcome == .taken else { return outcome }
        try await writeEdit(.recording, held.id, clock: clock, transaction) { query in
            "title = \(query.bind(recording.title)), language = \(query.bind(recording.language)), picture = \(query.bind(recording.picture))"
        }
        return .taken
    }

    /// The scenario held here takes the other side's later change of its visibility.
    static func applyEdit(_ scenario: ScenarioRecord, held: ScenarioRecord, clock: Int64, _ transaction: Transaction) async throws -> SyncEditOutcome {
        let outcome = SyncEditOutcome(clock, [scenario.visibility.rawValue], over: try await editedAt(.scenario, held.slug, transaction),
                                      [held.visibility.rawValue])
        guard outcome == .taken else { return outcome }
        try await writeEdit(.scenario, held.slug, clock: clock, transaction) { query in
            "visibility = \(query.bind(scenario.visibility.rawValue))"
        }
        return .taken
    }

    /// A row that arrived for the first time keeps the other side's clock.
    static func keepClock(_ kind: SyncItemKind, _ id: String, _ clock: Int64, _ transaction: Transaction) async throws {
        guard clock > 0, let (table, key) = kind.editedTable else { return }
        try await transaction.run("UPDATE \(unescaped: table) SET editedAt = \(clock) WHERE \(unescaped: key) = \(id)")
    }
}

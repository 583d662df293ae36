import Foundation
import GRDB
import Storage

extension SQLiteMetadataStore {
    /// Runs a write, turning constraint violations into `StorageError.conflict`.
    func writeChecked<T: Sendable>(_ what: String, _ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        do {
            return try await pool.write(body)
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
            throw StorageError(code: .conflict, message: "\(what): \(Self.explain(error))")
        }
    }

    static func explain(_ error: DatabaseError) -> String {
        switch error.extendedResultCode {
        case .SQLITE_CONSTRAINT_UNIQUE, .SQLITE_CONSTRAINT_PRIMARYKEY: "already exists"
        case .SQLITE_CONSTRAINT_FOREIGNKEY: "other records still refer to it, or it refers to something missing"
        default: error.message ?? "constraint failed"
        }
    }

    // MARK: people

    public func insertPerson(_ person: Person, conflictMessage: String? = nil) async throws -> Person {
        var person = person
        person.name = person.name.lowercased()
        return try await writeChecked(conflictMessage ?? "person '\(person.name)'") { [person] db in
            try person.insert(db)
            return person
        }
    }

    /// From memory when read lately (``peopleById``, emptied by every change to `person`): a
    /// session's person is looked up on every request.
    public func person(id: String) async throws -> Person? {
        if let known = peopleById.value(for: id) { return known }
        let generation = peopleById.generation
        let found = try await pool.read { db in try Person.fetchOne(db, key: id) }
        if let found { peopleById.store(found, for: id, readAt: generation) }
        return found
    }

    public func person(name: String) async throws -> Person? {
        try await pool.read { db in try Person.filter(Person.Columns.name == name.lowercased()).fetchOne(db) }
    }

    public func save(_ person: Person) async throws {
        var person = person
        person.name = person.name.lowercased()
        try await writeChecked("person '\(person.name)'") { [person] db in try person.update(db) }
    }

    /// Points the person at their spoken name (nil: none) and returns the recording it replaced.
    /// Only that column is written: a profile saved at the same time keeps the new name.
    public func setNameRecording(personId: String, recordingId: String?) async throws -> String? {
        try await pool.write { db in
            let previous = try String.fetchOne(db, sql: "SELECT nameRecordingId FROM person WHERE id = ?", arguments: [personId])
            try db.execute(sql: "UPDATE person SET nameRecordingId = ? WHERE id = ?", arguments: [recordingId, personId])
            return previous
        }
    }

    /// Deletes a person; refused (`conflict`) while recordings they own remain.
    public func deletePerson(id: String) async throws -> Bool {
        try await writeChecked("person \(id)") { db in try Person.deleteOne(db, key: id) }
    }

    public func peopleCount() async throws -> Int {
        try await pool.read { db in try Person.fetchCount(db) }
    }

    /// Everyone for an admin; the people sharing a group with a trainer, plus themselves; oneself
    /// for a learner.
    public func people(visibleTo viewer: Viewer) async throws -> [Person] {
        guard let me = viewer.personId else { return [] }
        return try await pool.read { db in
            switch viewer.role {
            case .admin?:
                return try Person.order(Person.Columns.displayName).fetchAll(db)
            case .trainer?:
                return try Person.fetchAll(db, sql: """
                    SELECT * FROM person WHERE id = :me OR id IN (\(Self.peopleSharingAGroup)) ORDER BY displayName
                    """, arguments: ["me": me])
            default:
                return try Person.filter(key: me).fetchAll(db)
            }
        }
    }

    /// The person if the viewer may see them (the same rule as `people(visibleTo:)`).
    public func person(id: String, visibleTo viewer: Viewer) async throws -> Person? {
        guard let me = viewer.personId else { return nil }
        return try await pool.read { db in
            switch viewer.role {
            case .admin?:
                return try Person.fetchOne(db, key: id)
            case .trainer?:
                return try Person.fetchOne(db, sql: """
                    SELECT * FROM person WHERE id = :id AND (id = :me OR id IN (\(Self.peopleSharingAGroup)))
                    """, arguments: ["id": id, "me": me])
            default:
                return id == me ? try Person.fetchOne(db, key: id) : nil
            }
        }
    }

    // MARK: groups and memberships

    /// The group if the viewer may see it: an admin, or one of its members.
    public func group(id: String, visibleTo viewer: Viewer) async throws -> LearningGroup? {
        guard let me = viewer.personId else { return nil }
        return try await pool.read { db in
            if viewer.isAdmin { return try LearningGroup.fetchOne(db, key: id) }
            return try LearningGroup.fetchOne(db, sql: """
                SELECT g.* FROM learningGroup g JOIN membership m ON m.groupId = g.id WHERE g.id = ? AND m.personId = ?
                """, arguments: [id, me])
        }
    }

    public func insert(_ group: LearningGroup, members: [String] = []) async throws -> LearningGroup {
        try await writeChecked("group '\(group.name)'") { db in
            try group.insert(db)
            for person in members { try Membership(groupId: group.id, personId: person).insert(db) }
            return group
        }
    }

    public func group(id: String) async throws -> LearningGroup? {
        try await pool.read { db in try LearningGroup.fetchOne(db, key: id) }
    }

    public func save(_ group: LearningGroup) async throws {
        try await writeChecked("group \(group.id)") { db in try group.update(db) }
    }

    public func deleteGroup(id: String) async throws -> Bool {
        try await writeChecked("group \(id)") { db in try LearningGroup.deleteOne(db, key: id) }
    }

    /// Every group for an admin; one's own groups otherwise.
    public func groups(visibleTo viewer: Viewer) async throws -> [LearningGroup] {
        guard let me = viewer.personId else { return [] }
        return try await pool.read { db in
            if viewer.isAdmin { return try LearningGroup.order(LearningGroup.Columns.name).fetchAll(db) }
            return try LearningGroup.fetchAll(db, sql: """
                SELECT g.* FROM learningGroup g JOIN membership m ON m.groupId = g.id WHERE m.personId = ? ORDER BY g.name
                """, arguments: [me])
        }
    }

    public func groupIds(of personId: String) async throws -> [String] {
        try await pool.read { db in
            try String.fetchAll(db, sql: "SELECT groupId FROM membership WHERE personId = ?", arguments: [personId])
        }
    }

    public func members(of groupId: String) async throws -> [Person] {
        try await pool.read { db in
            try Person.fetchAll(db, sql: """
                SELECT p.* FROM person p JOIN membership m ON m.personId = p.id WHERE m.groupId = ? ORDER BY p.displayName
                """, arguments: [groupId])
        }
    }

    /// Adds the person to the group (nothing when they already belong to it), recording who did.
    public func addMember(personId: String, groupId: String, addedBy: String?) async throws {
        try await writeChecked("membership") { db in
            try Membership(groupId: groupId, personId: personId, addedBy: addedBy).insert(db, onConflict: .ignore)
        }
    }

    /// The membership (with who added the person), or nil when they do not belong to the group.
    public func membership(personId: String, groupId: String) async throws -> Membership? {
        try await pool.read { db in try Membership.fetchOne(db, key: ["groupId": groupId, "personId": personId]) }
    }

    public func removeMember(personId: String, groupId: String) async throws -> Bool {
        try await writeChecked("membership") { db in
            try Membership.filter(Membership.Columns.groupId == groupId && Membership.Columns.personId == personId).deleteAll(db) > 0
        }
    }

    // MARK: networks

    public func insert(_ network: Network) async throws -> Network {
        try await writeChecked("network '\(network.name)'") { db in
            try network.insert(db)
            return network
        }
    }

    public func network(id: String) async throws -> Network? {
        try await pool.read { db in try Network.fetchOne(db, key: id) }
    }

    public func networks() async throws -> [(network: Network, groupIds: [String])] {
        try await pool.read { db in
            try Network.order(Network.Columns.name).fetchAll(db).map { network in
                (network, try String.fetchAll(db, sql: "SELECT groupId FROM networkMember WHERE networkId = ?", arguments: [network.id]))
            }
        }
    }

    public func deleteNetwork(id: String) async throws -> Bool {
        try await writeChecked("network \(id)") { db in try Network.deleteOne(db, key: id) }
    }

    public func join(networkId: String, groupId: String) async throws {
        try await writeChecked("network membership") { db in
            try NetworkMember(networkId: networkId, groupId: groupId).insert(db, onConflict: .ignore)
        }
    }

    public func leave(networkId: String, groupId: String) async throws -> Bool {
        try await writeChecked("network membership") { db in
            try NetworkMember.filter(NetworkMember.Columns.networkId == networkId && NetworkMember.Columns.groupId == groupId).deleteAll(db) > 0
        }
    }

    // MARK: mentoring pairs

    public func insert(_ pair: MentoringPair) async throws -> MentoringPair {
        try await writeChecked("mentoring pair") { db in
            try pair.insert(db)
            return pair
        }
    }

    public func mentoringPair(id: String) async throws -> MentoringPair? {
        try await pool.read { db in try MentoringPair.fetchOne(db, key: id) }
    }

    /// All pairs for an admin; for a trainer, the pairs whose newcomer or mentor they train; one's
    /// own pairs otherwise.
    public func mentoringPairs(visibleTo viewer: Viewer) async throws -> [MentoringPair] {
        guard let me = viewer.personId else { return [] }
        return try await pool.read { db in
            if viewer.isAdmin { return try MentoringPair.order(MentoringPair.Columns.startsAt).fetchAll(db) }
            var sql = "SELECT * FROM mentoringPair WHERE mentorId = :me OR newcomerId = :me"
            if viewer.role == .trainer {
                sql += " OR newcomerId IN (\(Self.learnersTrainedBy)) OR mentorId IN (\(Self.learnersTrainedBy))"
            }
            return try MentoringPair.fetchAll(db, sql: sql + " ORDER BY startsAt", arguments: ["me": me])
        }
    }

    public func save(_ pair: MentoringPair) async throws {
        try await writeChecked("mentoring pair") { db in try pair.update(db) }
    }

    public func deleteMentoringPair(id: String) async throws -> Bool {
        try await writeChecked("mentoring pair") { db in try MentoringPair.deleteOne(db, key: id) }
    }
}

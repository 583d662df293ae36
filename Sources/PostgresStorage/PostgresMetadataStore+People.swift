import Foundation
import PostgresNIO
import Storage

extension PostgresMetadataStore {
    // MARK: people

    public func insertPerson(_ person: Person, conflictMessage: String?) async throws -> Person {
        var person = person
        person.name = person.name.lowercased()
        try await transaction(conflictMessage ?? "person '\(person.name)'") { [person] transaction in
            try await Self.insert(person, transaction)
        }
        return person
    }

    /// Writes the person's row as it is (a sign-in name already lower-cased).
    static func insert(_ person: Person, _ transaction: Transaction) async throws {
        try await transaction.run("""
            INSERT INTO person (id, name, displayName, role, avatar, avatarPhoto, languages, passwordHash, pictureCodeHash,
            failedCodeAttempts, lockedUntil, createdAt, nameRecordingId)
            VALUES (\(person.id), \(person.name), \(person.displayName), \(person.role.rawValue), \(person.avatar), \(person.avatarPhoto),
            \(person.languagesJSON), \(person.passwordHash), \(person.pictureCodeHash), \(person.failedCodeAttempts),
            \(person.lockedUntil?.millisecondsSince1970), \(person.createdAt.millisecondsSince1970), \(person.nameRecordingId))
            """)
    }

    /// From this node's memory when read lately (a session's person on every request), emptied on
    /// every node by any change to `person` (``PostgresReadCaches``).
    public func person(id: String) async throws -> Person? {
        if let known = caches.peopleById.value(for: id) { return known }
        let generation = caches.peopleById.generation
        let found = try await rows("SELECT \(unescaped: Person.columns) FROM person p WHERE p.id = \(id)").first.map(Person.init(row:))
        if let found { caches.peopleById.store(found, for: id, readAt: generation) }
        return found
    }

    public func person(name: String) async throws -> Person? {
        try await rows("SELECT \(unescaped: Person.columns) FROM person p WHERE p.name = \(name.lowercased())").first.map(Person.init(row:))
    }

    public func save(_ person: Person) async throws {
        var person = person
        person.name = person.name.lowercased()
        try await transaction("person '\(person.name)'") { [person] transaction in
            try await transaction.run("""
                UPDATE person SET name = \(person.name), displayName = \(person.displayName), role = \(person.role.rawValue),
                avatar = \(person.avatar), avatarPhoto = \(person.avatarPhoto), languages = \(person.languagesJSON),
                passwordHash = \(person.passwordHash), pictureCodeHash = \(person.pictureCodeHash),
                failedCodeAttempts = \(person.failedCodeAttempts), lockedUntil = \(person.lockedUntil?.millisecondsSince1970),
                createdAt = \(person.createdAt.millisecondsSince1970), nameRecordingId = \(person.nameRecordingId)
                WHERE id = \(person.id)
                """)
        }
    }

    /// Points the person at their spoken name (nil: none) and returns the recording it replaced.
    /// Only that column is written; the row lock keeps two such changes from crossing.
    public func setNameRecording(personId: String, recordingId: String?) async throws -> String? {
        try await transaction("person \(personId)") { transaction in
            let previous = try await transaction.rows("SELECT nameRecordingId FROM person WHERE id = \(personId) FOR UPDATE")
                .first?["nameRecordingId", as: String?.self] ?? nil
            try await transaction.run("UPDATE person SET nameRecordingId = \(recordingId) WHERE id = \(personId)")
            return previous
        }
    }

    /// Deletes a person; refused (`conflict`) while recordings they own remain.
    public func deletePerson(id: String) async throws -> Bool {
        try await transaction("person \(id)") { transaction in
            try await !transaction.rows("DELETE FROM person WHERE id = \(id) RETURNING id").isEmpty
        }
    }

    public func peopleCount() async throws -> Int {
        try await rows("SELECT COUNT(*) AS n FROM person").first?["n", as: Int.self] ?? 0
    }

    public func people(visibleTo viewer: Viewer) async throws -> [Person] {
        guard let me = viewer.personId else { return [] }
        var query = BoundQuery("SELECT \(Person.columns) FROM person p")
        switch viewer.role {
        case .admin?:
            break
        case .trainer?:
            let bound = query.bind(me)
            query.append(" WHERE p.id = \(bound) OR p.id IN (\(Self.peopleSharingAGroup(bound)))")
        default:
            query.append(" WHERE p.id = \(query.bind(me))")
        }
        query.append(" ORDER BY p.displayName COLLATE \"C\"")
        return try await rows(query).map(Person.init(row:))
    }

    public func person(id: String, visibleTo viewer: Viewer) async throws -> Person? {
        guard let me = viewer.personId else { return nil }
        switch viewer.role {
        case .admin?:
            return try await person(id: id)
        case .trainer?:
            var query = BoundQuery()
            let bound = query.bind(me)
            query.append("SELECT \(Person.columns) FROM person p WHERE p.id = \(query.bind(id))")
            query.append(" AND (p.id = \(bound) OR p.id IN (\(Self.peopleSharingAGroup(bound))))")
            return try await rows(query).first.map(Person.init(row:))
        default:
            return id == me ? try await person(id: id) : nil
        }
    }

    // MARK: groups and memberships

    public func group(id: String, visibleTo viewer: Viewer) async throws -> LearningGroup? {
        guard let me = viewer.personId else { return nil }
        if viewer.isAdmin { return try await group(id: id) }
        return try await rows("""
            SELECT \(unescaped: LearningGroup.columns) FROM learningGroup g JOIN membership m ON m.groupId = g.id
            WHERE g.id = \(id) AND m.personId = \(me)
            """).first.map(LearningGroup.init(row:))
    }

    public func insert(_ group: LearningGroup, members: [String]) async throws -> LearningGroup {
        try await transaction("group '\(group.name)'") { transaction in
            try await transaction.run("""
                INSERT INTO learningGroup (id, name, picture, picturePhoto, openSignIn, createdAt)
                VALUES (\(group.id), \(group.name), \(group.picture), \(group.picturePhoto), \(group.openSignIn),
                \(group.createdAt.millisecondsSince1970))
                """)
            for person in members {
                try await transaction.run("INSERT INTO membership (groupId, personId) VALUES (\(group.id), \(person))")
            }
            return group
        }
    }

    public func group(id: String) async throws -> LearningGroup? {
        try await rows("SELECT \(unescaped: LearningGroup.columns) FROM learningGroup g WHERE g.id = \(id)").first.map(LearningGroup.init(row:))
    }

    public func save(_ group: LearningGroup) async throws {
        try await transaction("group \(group.id)") { transaction in
            try await transaction.run("""
                UPDATE learningGroup SET name = \(group.name), picture = \(group.picture), picturePhoto = \(group.picturePhoto),
                openSignIn = \(group.openSignIn), createdAt = \(group.createdAt.millisecondsSince1970) WHERE id = \(group.id)
                """)
        }
    }

    public func deleteGroup(id: String) async throws -> Bool {
        try await transaction("group \(id)") { transaction in
            try await !transaction.rows("DELETE FROM learningGroup WHERE id = \(id) RETURNING id").isEmpty
        }
    }

    public func groups(visibleTo viewer: Viewer) async throws -> [LearningGroup] {
        guard let me = viewer.personId else { return [] }
        if viewer.isAdmin {
            return try await rows("SELECT \(unescaped: LearningGroup.columns) FROM learningGroup g ORDER BY g.name COLLATE \"C\"")
                .map(LearningGroup.init(row:))
        }
        return try await rows("""
            SELECT \(unescaped: LearningGroup.columns) FROM learningGroup g JOIN membership m ON m.groupId = g.id
            WHERE m.personId = \(me) ORDER BY g.name COLLATE "C"
            """).map(LearningGroup.init(row:))
    }

    public func groupIds(of personId: String) async throws -> [String] {
        try await rows("SELECT groupId FROM membership WHERE personId = \(personId)").map { try $0["groupId"] }
    }

    public func members(of groupId: String) async throws -> [Person] {
        try await rows("""
            SELECT \(unescaped: Person.columns) FROM person p JOIN membership m ON m.personId = p.id
            WHERE m.groupId = \(groupId) ORDER BY p.displayName COLLATE "C"
            """).map(Person.init(row:))
    }

    public func addMember(personId: String, groupId: String, addedBy: String?) async throws {
        try await transaction("membership") { transaction in
            try await transaction.run("""
                INSERT INTO membership (groupId, personId, addedBy) VALUES (\(groupId), \(personId), \(addedBy)) ON CONFLICT DO NOTHING
                """)
        }
    }

    public func membership(personId: String, groupId: String) async throws -> Membership? {
        try await rows("SELECT groupId, personId, addedBy FROM membership WHERE groupId = \(groupId) AND personId = \(personId)").first.map {
            Membership(groupId: try $0["groupId"], personId: try $0["personId"], addedBy: try $0["addedBy"])
        }
    }

    public func removeMember(personId: String, groupId: String) async throws -> Bool {
        try await transaction("membership") { transaction in
            try await !transaction.rows("DELETE FROM membership WHERE groupId = \(groupId) AND personId = \(personId) RETURNING personId").isEmpty
        }
    }

    // MARK: networks

    public func insert(_ network: Network) async throws -> Network {
        try await transaction("network '\(network.name)'") { transaction in
            try await transaction.run("INSERT INTO network (id, name) VALUES (\(network.id), \(network.name))")
            return network
        }
    }

    public func network(id: String) async throws -> Network? {
        try await rows("SELECT id, name FROM network WHERE id = \(id)").first.map { Network(id: try $0["id"], name: try $0["name"]) }
    }

    public func networks() async throws -> [(network: Network, groupIds: [String])] {
        let networks = try await rows("SELECT id, name FROM network ORDER BY name COLLATE \"C\"").map { Network(id: try $0["id"], name: try $0["name"]) }
        let members = try await rows("SELECT networkId, groupId FROM networkMember")
        var groups: [String: [String]] = [:]
        for member in members { groups[try member["networkId"], default: []].append(try member["groupId"]) }
        return networks.map { ($0, groups[$0.id] ?? []) }
    }

    public func deleteNetwork(id: String) async throws -> Bool {
        try await transaction("network \(id)") { transaction in
            try await !transaction.rows("DELETE FROM network WHERE id = \(id) RETURNING id").isEmpty
        }
    }

    public func join(networkId: String, groupId: String) async throws {
        try await transaction("network membership") { transaction in
            try await transaction.run("INSERT INTO networkMember (networkId, groupId) VALUES (\(networkId), \(groupId)) ON CONFLICT DO NOTHING")
        }
    }

    public func leave(networkId: String, groupId: String) async throws -> Bool {
        try await transaction("network membership") { transaction in
            try await !transaction.rows("""
                DELETE FROM networkMember WHERE networkId = \(networkId) AND groupId = \(groupId) RETURNING groupId
                """).isEmpty
        }
    }

    // MARK: mentoring pairs

    public func insert(_ pair: MentoringPair) async throws -> MentoringPair {
        try await transaction("mentoring pair") { transaction in
            try await transaction.run("""
                INSERT INTO mentoringPair (id, mentorId, newcomerId, startsAt, endsAt) VALUES (\(pair.id), \(pair.mentorId),
                \(pair.newcomerId), \(pair.startsAt.millisecondsSince1970), \(pair.endsAt?.millisecondsSince1970))
                """)
            return pair
        }
    }

    public func mentoringPair(id: String) async throws -> MentoringPair? {
        try await rows("SELECT * FROM mentoringPair WHERE id = \(id)").first.map(MentoringPair.init(row:))
    }

    public func mentoringPairs(visibleTo viewer: Viewer) async throws -> [MentoringPair] {
        guard let me = viewer.personId else { return [] }
        var query = BoundQuery("SELECT * FROM mentoringPair")
        if !viewer.isAdmin {
            let bound = query.bind(me)
            query.append(" WHERE mentorId = \(bound) OR newcomerId = \(bound)")
            if viewer.role == .trainer {
                query.append(" OR newcomerId IN (\(Self.learnersTrainedBy(bound))) OR mentorId IN (\(Self.learnersTrainedBy(bound)))")
            }
        }
        query.append(" ORDER BY startsAt")
        return try await rows(query).map(MentoringPair.init(row:))
    }

    public func save(_ pair: MentoringPair) async throws {
        try await transaction("mentoring pair") { transaction in
            try await transaction.run("""
                UPDATE mentoringPair SET mentorId = \(pair.mentorId), newcomerId = \(pair.newcomerId),
                startsAt = \(pair.startsAt.millisecondsSince1970), endsAt = \(pair.endsAt?.millisecondsSince1970) WHERE id = \(pair.id)
                """)
        }
    }

    public func deleteMentoringPair(id: String) async throws -> Bool {
        try await transaction("mentoring pair") { transaction in
            try await !transaction.rows("DELETE FROM mentoringPair WHERE id = \(id) RETURNING id").isEmpty
        }
    }

    /// True when `mentorId` mentors `newcomerId` in a pair active at `date`.
    public func isActiveMentor(_ mentorId: String, of newcomerId: String, at date: Date) async throws -> Bool {
        let now = date.millisecondsSince1970
        return try await !rows("""
            SELECT 1 FROM mentoringPair WHERE mentorId = \(mentorId) AND newcomerId = \(newcomerId)
            AND startsAt <= \(now) AND (endsAt IS NULL OR endsAt > \(now))
            """).isEmpty
    }
}

import Foundation
import Storage

/// People: who may see, create, change and delete whom (``Authority``), their fields, passwords
/// and picture codes, and the locks wrong codes leave.
public struct PeopleService: Sendable {
    let stores: Stores
    let passwords: PasswordHashing
    var authority: Authority { Authority(stores: stores) }

    /// How many sign-in attempts ``signInAttempts(of:actor:)`` returns, newest first.
    public static let attemptsShown = 200

    public init(stores: Stores, passwords: PasswordHashing) {
        self.stores = stores
        self.passwords = passwords
    }

    /// A person to create (the fields as sent; each is checked).
    public struct NewPerson: Sendable {
        public var name: String
        public var displayName: String?
        public var role: Role
        public var avatar: String?
        public var languages: [String]
        public var password: String?
        /// The groups they join at once (a trainer must name one of theirs).
        public var groupIds: [String]

        public init(name: String, displayName: String? = nil, role: Role, avatar: String? = nil, languages: [String] = [],
                    password: String? = nil, groupIds: [String] = []) {
            self.name = name
            self.displayName = displayName
            self.role = role
            self.avatar = avatar
            self.languages = languages
            self.password = password
            self.groupIds = groupIds
        }
    }

    /// What a profile change may set; nil leaves a field as it is.
    public struct Changes: Sendable {
        public var displayName: String?
        public var avatar: String?
        public var languages: [String]?
        public var role: Role?

        public init(displayName: String? = nil, avatar: String? = nil, languages: [String]? = nil, role: Role? = nil) {
            self.displayName = displayName
            self.avatar = avatar
            self.languages = languages
            self.role = role
        }
    }

    // MARK: reading

    /// The people `viewer` may see, and which of them are locked out of picture sign-in somewhere.
    public func people(visibleTo viewer: Viewer) async throws -> (people: [Person], locked: Set<String>) {
        let people = try await stores.people.people(visibleTo: viewer)
        return (people, try await stores.credentials.lockedSomewhere(personIds: people.map(\.id)))
    }

    /// The person if `viewer` may see them; `notFound` otherwise, so nobody learns who exists.
    public func person(id: String, visibleTo viewer: Viewer) async throws -> Person {
        guard ResourceID.isValid(id), let person = try await stores.people.person(id: id, visibleTo: viewer) else {
            throw ServiceError.notFound("person \(id.prefix(40))")
        }
        return person
    }

    /// Those of `personIds` locked out of picture sign-in at some kiosk or address now.
    public func lockedSomewhere(_ personIds: [String]) async throws -> Set<String> {
        try await stores.credentials.lockedSomewhere(personIds: personIds)
    }

    /// The person's latest sign-in attempts, for themselves and those who manage them.
    public func signInAttempts(of person: Person, actor: Person) async throws -> [SignInAttempt] {
        try await authority.requireSelfOrManage(person, actor: actor, "read this person's sign-in attempts")
        return try await stores.credentials.signInAttempts(personId: person.id, limit: Self.attemptsShown)
    }

    // MARK: changes

    /// Creates a person (admins anyone; trainers learners, into their own groups), with a password
    /// when one is given; `conflict` when the name is taken.
    public func create(_ new: NewPerson, actor: Person) async throws -> Person {
        try await authority.requireCreate(role: new.role, inGroups: new.groupIds, actor: actor)
        if actor.role == .trainer, new.groupIds.isEmpty {
            throw ServiceError.invalidField("groupIds", "a trainer adds new learners to one of their groups")
        }
        for id in new.groupIds where try await stores.people.group(id: id) == nil {
            throw ServiceError.invalidField("groupIds", "no group \(id.prefix(40))")
        }
        let created = try await insert(new)
        for id in new.groupIds { try await stores.people.addMember(personId: created.id, groupId: id, addedBy: actor.id) }
        return created
    }

    /// Creates a person with no one acting (the command line, the first run): no authority check,
    /// no groups; `conflict` when the name is taken.
    public func create(_ new: NewPerson) async throws -> Person {
        try await insert(new)
    }

    private func insert(_ new: NewPerson) async throws -> Person {
        var person = Person(
            name: try PersonFields.name(new.name), displayName: try PersonFields.displayName(new.displayName ?? new.name),
            role: new.role, avatar: try new.avatar.map(PersonFields.picture), languages: try PersonFields.languages(new.languages)
        )
        if let password = new.password {
            person.passwordHash = try await passwords.hash(try PersonFields.password(password))
        }
        return try await stores.people.insertPerson(person, conflictMessage: "name '\(person.name)' is taken")
    }

    /// Changes a profile: one's own, or that of someone one manages; roles only by an admin, never
    /// their own.
    public func update(_ person: Person, with changes: Changes, actor: Person) async throws -> Person {
        var person = person
        try await authority.requireSelfOrManage(person, actor: actor, "change this person")
        if let role = changes.role, role != person.role {
            try authority.requireAdmin(actor, "change roles")
            guard actor.id != person.id else { throw ServiceError(.conflict, "an admin cannot change their own role") }
            person.role = role
        }
        if let name = changes.displayName { person.displayName = try PersonFields.displayName(name) }
        if let avatar = changes.avatar { person.avatar = try PersonFields.picture(avatar) }
        if let languages = changes.languages { person.languages = try PersonFields.languages(languages) }
        try await stores.people.save(person)
        return person
    }

    /// Deletes someone one manages (never oneself); `conflict` while they own recordings.
    public func delete(_ person: Person, actor: Person) async throws {
        guard actor.id != person.id else { throw ServiceError(.conflict, "you cannot delete yourself") }
        try await authority.requireManage(person, actor: actor, "delete this person")
        do {
            _ = try await stores.people.deletePerson(id: person.id)
        } catch let error as StorageError where error.code == .conflict {
            throw ServiceError(.conflict, "\(person.displayName) still owns recordings: withdraw them first")
        }
    }

    // MARK: secrets

    /// Who may set `person`'s password: themselves, or an admin.
    public func requireSetPassword(of person: Person, actor: Person) throws {
        if actor.id != person.id { try authority.requireAdmin(actor, "set someone else's password") }
    }

    /// Sets the password (checked, then hashed); ``requireSetPassword(of:actor:)`` first.
    public func setPassword(_ password: String, of person: Person) async throws {
        var person = person
        person.passwordHash = try await passwords.hash(try PersonFields.password(password))
        try await stores.people.save(person)
    }

    /// Who may set a learner's picture code: those who manage them, never the learner.
    public func requireSetPictureCode(of person: Person, actor: Person) async throws {
        guard person.role == .learner else { throw ServiceError(.conflict, "picture codes are for learners") }
        guard actor.id != person.id else { throw AccessDenied("a learner's picture code is set by their trainer") }
        try await authority.requireManage(person, actor: actor, "set this learner's picture code")
    }

    /// Sets the learner's picture code and lifts every lock on it;
    /// ``requireSetPictureCode(of:actor:)`` first.
    public func setPictureCode(_ code: [Int], of person: Person) async throws {
        var person = person
        person.pictureCodeHash = try await passwords.hash(try PictureCode.normalized(code), cost: PasswordHashing.pictureCodeCost)
        try await stores.people.save(person)
        try await stores.credentials.clearCodeLocks(personId: person.id)
    }

    /// Lifts every lock on a learner's picture sign-in (those who manage them, never the learner);
    /// returns the person as stored now.
    public func unlock(_ person: Person, actor: Person) async throws -> Person {
        guard actor.id != person.id else { throw AccessDenied("a learner's picture sign-in is unlocked by their trainer") }
        try await authority.requireManage(person, actor: actor, "unlock this learner")
        try await stores.credentials.clearCodeLocks(personId: person.id)
        return try await stores.people.person(id: person.id) ?? person
    }
}

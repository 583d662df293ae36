import Foundation
import Storage
import Testing

/// `PeopleStore`: people (here), groups and memberships (`+Groups`), networks and mentoring pairs
/// (`+Pairs`), and who sees whom (`+Visibility`).
public enum PeopleStoreConformance {
    public static let cases: [ConformanceCase] = [
        ConformanceCase("a person reads back by id and by name in any case; the name is stored lowercased", insertAndFind),
        ConformanceCase("a taken name, in any case, is a conflict with the caller's message", takenName),
        ConformanceCase("save changes a person; renaming to a taken name is a conflict", save),
        ConformanceCase("deleting a person is refused while they own recordings; false for an unknown id", deletePerson),
        ConformanceCase("a deleted person leaves no membership, token, pair or sign-in link behind", deleteCascades),
        ConformanceCase("groups: insert with members, read, save, delete", groups),
        ConformanceCase("memberships: added once with who added, listed both ways, removed", memberships),
        ConformanceCase("a trainer trains the learners of their groups, never a fellow trainer", trainsWhom),
        ConformanceCase("networks: insert, join once, list by name with their groups, leave, delete", networks),
        ConformanceCase("mentoring pairs: insert, read, save, delete, active between start and end", mentoringPairs),
        ConformanceCase("people, groups and pairs each role may see", visibilityPerRole),
    ]

    public static func insertAndFind(_ factory: StoreFactory) async throws {
        let stores = try await factory()
        #expect(try await stores.people.peopleCount() == 0)
        var person = Person(name: "M.Durand", displayName: "M. Durand", role: .trainer, avatar: "sun", languages: ["fr", "wo"],
                            passwordHash: "$2b$hash", pictureCodeHash: nil, createdAt: Date(timeIntervalSince1970: 1_800_000_000.5))
        let inserted = try await stores.people.insertPerson(person)
        person.name = "m.durand"
        #expect(inserted == person)
        #expect(try await stores.people.person(id: person.id) == person)
        for name in ["m.durand", "M.DURAND", "M.Durand"] { #expect(try await stores.people.person(name: name) == person, "\(name)") }
        #expect(try await stores.people.person(name: "durand") == nil)
        #expect(try await stores.people.person(id: ResourceID.generate()) == nil)
        _ = try await Seed.person(stores, "amina")
        #expect(try await stores.people.peopleCount() == 2)
    }

    public static func takenName(_ factory: StoreFactory) async throws {
        let stores = try await factory()
        _ = try await Seed.person(stores, "amina")
        for name in ["amina", "AMINA", "Amina"] {
            let error = await #expect(throws: StorageError.self) {
                try await stores.people.insertPerson(Person(name: name, displayName: "Other", role: .learner), conflictMessage: "name taken")
            }
            #expect(error?.code == .conflict && error?.message.contains("name taken") == true, "\(name)")
        }
        // Without a message of the caller's, still a conflict.
        let error = await #expect(throws: StorageError.self) {
            try await stores.people.insertPerson(Person(name: "amina", displayName: "Other", role: .trainer))
        }
        #expect(error?.code == .conflict)
        // The same id twice is a conflict too.
        let yusuf = try await Seed.person(stores, "yusuf")
        await #expect(throws: StorageError.self) {
            try await stores.people.insertPerson(Person(id: yusuf.id, name: "other", displayName: "Other", role: .learner))
        }
        #expect(try await stores.people.peopleCount() == 2)
    }

    public static func save(_ factory: StoreFactory) async throws {
        let stores = try await factory()
        var person = try await Seed.person(stores, "amina")
        let other = try await Seed.person(stores, "yusuf")
        person.name = "Amina.K"
        person.displayName = "Amina K."
        person.role = .trainer
        person.languages = ["ar", "fr"]
        person.passwordHash = "$2b$x"
        person.pictureCodeHash = "$2b$y"
        person.avatar = "moon"
        try await stores.people.save(person)
        person.name = "amina.k"
        #expect(try await stores.people.person(id: person.id) == person)
        #expect(try await stores.people.person(name: "AMINA.K") == person)
        #expect(try await stores.people.person(name: "amina") == nil)
        var clash = other
        clash.name = "AMINA.k"
        let error = await #expect(throws: StorageError.self) { try await stores.people.save(clash) }
        #expect(error?.code == .conflict)
        #expect(try await stores.people.person(id: other.id) == other)
    }

    public static func deletePerson(_ factory: StoreFactory) async throws {
        let stores = try await factory()
        let owner = try await Seed.person(stores, "amina")
        let recording = try await Seed.insert(stores, Seed.row(owner: owner))
        let error = await #expect(throws: StorageError.self) { try await stores.people.deletePerson(id: owner.id) }
        #expect(error?.code == .conflict)
        #expect(try await stores.people.person(id: owner.id) == owner)
        _ = try await stores.recordings.delete(id: recording.id, unreferenced: { _ in })
        #expect(try await stores.people.deletePerson(id: owner.id))
        #expect(try await stores.people.person(id: owner.id) == nil)
        #expect(try await !stores.people.deletePerson(id: owner.id))
        #expect(try await !stores.people.deletePerson(id: ResourceID.generate()))
        #expect(try await stores.people.peopleCount() == 0)
        // The name is free again.
        _ = try await Seed.person(stores, "amina")
    }

    public static func deleteCascades(_ factory: StoreFactory) async throws {
        let stores = try await factory()
        let person = try await Seed.person(stores, "amina")
        let mentor = try await Seed.person(stores, "fatou")
        let group = try await Seed.group(stores, "Classe", members: [person, mentor])
        let pair = try await stores.people.insert(MentoringPair(mentorId: mentor.id, newcomerId: person.id, startsAt: Date(), endsAt: nil))
        try await stores.credentials.insert(APIToken(personId: person.id, name: "script", tokenHash: "hash-1"))
        #expect(try await stores.credentials.personForToken(hash: "hash-1") == person)
        try await stores.credentials.insert(OneTimeLink(tokenHash: "link-1", personId: person.id, expiresAt: Date().addingTimeInterval(3_600)))
        #expect(try await stores.people.deletePerson(id: person.id))
        #expect(try await stores.people.members(of: group.id) == [mentor])
        #expect(try await stores.people.groupIds(of: person.id).isEmpty)
        #expect(try await stores.people.mentoringPair(id: pair.id) == nil)
        #expect(try await stores.credentials.personForToken(hash: "hash-1") == nil)
        #expect(try await stores.credentials.tokens(personId: person.id).isEmpty)
        #expect(try await stores.credentials.consumeLink(tokenHash: "link-1") == nil)
    }
}

import Foundation
import Storage
import Testing

/// Groups, memberships and who trains whom.
extension PeopleStoreConformance {
    public static func groups(_ factory: StoreFactory) async throws {
        let stores = try await factory()
        let amina = try await Seed.person(stores, "amina")
        var group = try await stores.people.insert(LearningGroup(name: "Classe A", picture: "tree", openSignIn: true,
                                                                 createdAt: Date(timeIntervalSince1970: 1_800_000_000.25)),
                                                   members: [amina.id])
        #expect(try await stores.people.group(id: group.id) == group)
        #expect(try await stores.people.group(id: ResourceID.generate()) == nil)
        #expect(try await stores.people.members(of: group.id) == [amina])
        group.name = "Classe B"
        group.picture = nil
        group.openSignIn = false
        try await stores.people.save(group)
        #expect(try await stores.people.group(id: group.id) == group)
        // Two groups may share a name.
        let twin = try await Seed.group(stores, "Classe B")
        #expect(twin.id != group.id)
        // The same id again is a conflict.
        await #expect(throws: StorageError.self) { try await stores.people.insert(LearningGroup(id: group.id, name: "x")) }
        #expect(try await stores.people.deleteGroup(id: group.id))
        #expect(try await stores.people.group(id: group.id) == nil)
        #expect(try await !stores.people.deleteGroup(id: group.id))
        #expect(try await !stores.people.deleteGroup(id: ResourceID.generate()))
        // Its memberships went with it; the person stays.
        #expect(try await stores.people.groupIds(of: amina.id).isEmpty)
        #expect(try await stores.people.person(id: amina.id) == amina)
    }

    public static func memberships(_ factory: StoreFactory) async throws {
        let stores = try await factory()
        let trainer = try await Seed.person(stores, "m.durand", .trainer)
        let zoe = try await stores.people.insertPerson(Person(name: "zoe", displayName: "Zoé", role: .learner))
        let amina = try await stores.people.insertPerson(Person(name: "amina", displayName: "Amina", role: .learner))
        let first = try await Seed.group(stores, "Classe A", members: [trainer])
        let second = try await Seed.group(stores, "Classe B")
        #expect(try await stores.people.membership(personId: trainer.id, groupId: first.id) == Membership(groupId: first.id, personId: trainer.id))
        try await stores.people.addMember(personId: zoe.id, groupId: first.id, addedBy: trainer.id)
        try await stores.people.addMember(personId: amina.id, groupId: first.id, addedBy: nil)
        try await stores.people.addMember(personId: amina.id, groupId: second.id, addedBy: trainer.id)
        #expect(try await stores.people.membership(personId: zoe.id, groupId: first.id)
            == Membership(groupId: first.id, personId: zoe.id, addedBy: trainer.id))
        // Adding again changes nothing, not even who added.
        try await stores.people.addMember(personId: zoe.id, groupId: first.id, addedBy: amina.id)
        #expect(try await stores.people.membership(personId: zoe.id, groupId: first.id)?.addedBy == trainer.id)
        // Members by display name.
        #expect(try await stores.people.members(of: first.id).map(\.displayName) == ["Amina", "M.Durand", "Zoé"])
        #expect(try await Set(stores.people.groupIds(of: amina.id)) == [first.id, second.id])
        #expect(try await stores.people.members(of: ResourceID.generate()).isEmpty)
        #expect(try await stores.people.membership(personId: zoe.id, groupId: second.id) == nil)
        #expect(try await stores.people.removeMember(personId: amina.id, groupId: first.id))
        #expect(try await !stores.people.removeMember(personId: amina.id, groupId: first.id))
        #expect(try await stores.people.groupIds(of: amina.id) == [second.id])
        // Who added someone may go; the membership stays, without their name.
        _ = try await stores.people.removeMember(personId: trainer.id, groupId: first.id)
        #expect(try await stores.people.deletePerson(id: trainer.id))
        #expect(try await stores.people.membership(personId: zoe.id, groupId: first.id) == Membership(groupId: first.id, personId: zoe.id))
    }

    public static func trainsWhom(_ factory: StoreFactory) async throws {
        let stores = try await factory()
        let world = try await AuthorityWorld.build(stores)
        let trains: [(Person, Person, Bool)] = [
            (world.trainer, world.learner, true), (world.coTrainer, world.learner, true), (world.trainer, world.classmate, true),
            (world.trainer, world.coTrainer, false), (world.coTrainer, world.trainer, false), (world.trainer, world.stranger, false),
            (world.strangersTrainer, world.mentor, true), (world.strangersTrainer, world.learner, false),
            (world.learner, world.classmate, false), (world.learner, world.trainer, false), (world.admin, world.learner, false),
            (world.trainer, world.trainer, false), (world.trainer, world.partnerLearner, false),
        ]
        for (trainer, person, expected) in trains {
            #expect(try await stores.people.isTrainer(trainer.id, of: person.id) == expected, "\(trainer.name) → \(person.name)")
        }
        // Leaving the group ends it.
        _ = try await stores.people.removeMember(personId: world.learner.id, groupId: world.classGroup.id)
        #expect(try await !stores.people.isTrainer(world.trainer.id, of: world.learner.id))
    }

    public static func networks(_ factory: StoreFactory) async throws {
        let stores = try await factory()
        let first = try await Seed.group(stores, "Classe A")
        let second = try await Seed.group(stores, "Classe B")
        let south = try await stores.people.insert(Network(name: "Sud"))
        let north = try await stores.people.insert(Network(name: "Nord"))
        #expect(try await stores.people.network(id: south.id) == south)
        #expect(try await stores.people.network(id: ResourceID.generate()) == nil)
        try await stores.people.join(networkId: south.id, groupId: first.id)
        try await stores.people.join(networkId: south.id, groupId: second.id)
        try await stores.people.join(networkId: south.id, groupId: first.id)
        let listed = try await stores.people.networks()
        #expect(listed.map(\.network) == [north, south])
        #expect(listed.map { Set($0.groupIds) } == [[], [first.id, second.id]])
        #expect(listed[1].groupIds.count == 2)
        #expect(try await stores.people.leave(networkId: south.id, groupId: first.id))
        #expect(try await !stores.people.leave(networkId: south.id, groupId: first.id))
        #expect(try await stores.people.networks().last?.groupIds == [second.id])
        // A group's deletion takes it out of its networks.
        _ = try await stores.people.deleteGroup(id: second.id)
        #expect(try await stores.people.networks().last?.groupIds == [])
        #expect(try await stores.people.deleteNetwork(id: south.id))
        #expect(try await !stores.people.deleteNetwork(id: south.id))
        #expect(try await stores.people.networks().map(\.network) == [north])
    }

    public static func mentoringPairs(_ factory: StoreFactory) async throws {
        let stores = try await factory()
        let mentor = try await Seed.person(stores, "fatou")
        let newcomer = try await Seed.person(stores, "amina")
        let start = Date(timeIntervalSince1970: 1_800_000_000.5)
        var pair = try await stores.people.insert(MentoringPair(mentorId: mentor.id, newcomerId: newcomer.id, startsAt: start, endsAt: nil))
        #expect(try await stores.people.mentoringPair(id: pair.id) == pair)
        #expect(try await stores.people.mentoringPair(id: ResourceID.generate()) == nil)
        // Open-ended: active from its start on, in one direction only.
        #expect(try await !stores.people.isActiveMentor(mentor.id, of: newcomer.id, at: start.addingTimeInterval(-0.001)))
        #expect(try await stores.people.isActiveMentor(mentor.id, of: newcomer.id, at: start))
        #expect(try await stores.people.isActiveMentor(mentor.id, of: newcomer.id, at: start.addingTimeInterval(1e9)))
        #expect(try await !stores.people.isActiveMentor(newcomer.id, of: mentor.id, at: start))
        pair.endsAt = start.addingTimeInterval(3_600)
        try await stores.people.save(pair)
        #expect(try await stores.people.mentoringPair(id: pair.id) == pair)
        #expect(try await stores.people.isActiveMentor(mentor.id, of: newcomer.id, at: start.addingTimeInterval(3_599)))
        #expect(try await !stores.people.isActiveMentor(mentor.id, of: newcomer.id, at: start.addingTimeInterval(3_600)))
        #expect(try await stores.people.deleteMentoringPair(id: pair.id))
        #expect(try await !stores.people.deleteMentoringPair(id: pair.id))
        #expect(try await !stores.people.isActiveMentor(mentor.id, of: newcomer.id, at: start))
        // A pair of people who do not exist is refused.
        await #expect(throws: StorageError.self) {
            try await stores.people.insert(MentoringPair(mentorId: ResourceID.generate(), newcomerId: newcomer.id, startsAt: start, endsAt: nil))
        }
    }
}

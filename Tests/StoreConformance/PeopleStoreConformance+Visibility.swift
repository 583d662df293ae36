import Foundation
import Storage
import Testing

/// "See a person" and groups and pairs, per role, as the README's authority table says.
extension PeopleStoreConformance {
    public static func visibilityPerRole(_ factory: StoreFactory) async throws {
        let stores = try await factory()
        let world = try await AuthorityWorld.build(stores)
        let classMembers: Set = [world.trainer.id, world.coTrainer.id, world.learner.id, world.classmate.id]
        let campMembers: Set = [world.stranger.id, world.strangersTrainer.id, world.mentor.id]
        let cases: [(Viewer, String, people: Set<String>, groups: Set<String>, pairs: Bool)] = [
            (Viewer.anonymous(), "anonymous", [], [], false),
            (world.viewer(world.admin), "admin", Set(world.everyone.map(\.id)), [world.classGroup.id, world.camp.id, world.partner.id], true),
            // A trainer sees the people of their groups (colleagues too) and themselves.
            (world.viewer(world.trainer), "trainer", classMembers, [world.classGroup.id], true),
            (world.viewer(world.coTrainer), "co-trainer", classMembers, [world.classGroup.id], true),
            (world.viewer(world.strangersTrainer), "stranger's trainer", campMembers, [world.camp.id], true),
            // A learner sees themselves only, and the pairs they are in.
            (world.viewer(world.learner), "learner", [world.learner.id], [world.classGroup.id], true),
            (world.viewer(world.mentor), "mentor", [world.mentor.id], [world.camp.id], true),
            (world.viewer(world.classmate), "classmate", [world.classmate.id], [world.classGroup.id], false),
            (world.viewer(world.partnerLearner), "network partner", [world.partnerLearner.id], [world.partner.id], false),
        ]
        for (viewer, name, people, groups, seesPair) in cases {
            let listed = try await stores.people.people(visibleTo: viewer)
            #expect(Set(listed.map(\.id)) == people && listed.count == people.count, "\(name) people")
            #expect(listed.map(\.displayName) == listed.map(\.displayName).sorted(), "\(name) people by display name")
            for person in world.everyone {
                let found = try await stores.people.person(id: person.id, visibleTo: viewer)
                #expect((found != nil) == people.contains(person.id), "\(name) sees \(person.name)")
                if let found { #expect(found == person) }
            }
            let listedGroups = try await stores.people.groups(visibleTo: viewer)
            #expect(Set(listedGroups.map(\.id)) == groups && listedGroups.count == groups.count, "\(name) groups")
            #expect(listedGroups.map(\.name) == listedGroups.map(\.name).sorted(), "\(name) groups by name")
            for group in [world.classGroup, world.camp, world.partner] {
                let found = try await stores.people.group(id: group.id, visibleTo: viewer)
                #expect((found != nil) == groups.contains(group.id), "\(name) sees group \(group.name)")
                if let found { #expect(found == group) }
            }
            #expect(try await stores.people.mentoringPairs(visibleTo: viewer) == (seesPair ? [world.pair] : []), "\(name) pairs")
        }
        // A trainer sees the pairs of the learners they train, as mentor or newcomer; no others.
        let other = try await stores.people.insert(MentoringPair(mentorId: world.stranger.id, newcomerId: world.partnerLearner.id,
                                                                 startsAt: AuthorityWorld.pairStart.addingTimeInterval(1), endsAt: nil))
        #expect(try await stores.people.mentoringPairs(visibleTo: world.viewer(world.trainer)) == [world.pair])
        #expect(try await stores.people.mentoringPairs(visibleTo: world.viewer(world.strangersTrainer)) == [world.pair, other])
        #expect(try await stores.people.mentoringPairs(visibleTo: world.viewer(world.admin)) == [world.pair, other])
    }
}

import Foundation
import Storage
import Testing

/// Who hears what: the "hear a recording" row of the README's authority table, per role.
extension RecordingStoreConformance {
    /// The titles each person of the world may hear while the mentoring pair is active.
    static func expectedHearing(_ world: AuthorityWorld) -> [(viewer: Viewer, name: String, hears: Set<String>)] {
        let learnersOwn: Set = ["learner private", "learner mentor", "learner group", "learner network", "learner public"]
        let trainedInClass = learnersOwn.union(["classmate group", "classmate private", "partner network"])
        return [
            (Viewer.anonymous(now: AuthorityWorld.during), "anonymous", ["learner public"]),
            (world.viewer(world.admin), "admin", Set(world.recordings.map(\.title))),
            // Every recording of the learners they train, never a fellow trainer's private one.
            (world.viewer(world.trainer), "trainer", trainedInClass.union(["trainer private"])),
            (world.viewer(world.coTrainer), "co-trainer", trainedInClass.union(["co-trainer private"])),
            (world.viewer(world.learner), "learner", learnersOwn.union(["classmate group", "partner network"])),
            (world.viewer(world.classmate), "classmate",
             ["learner group", "learner network", "learner public", "classmate group", "classmate private", "partner network"]),
            (world.viewer(world.stranger), "stranger", ["learner public", "stranger private", "stranger group"]),
            (world.viewer(world.strangersTrainer), "stranger's trainer", ["learner public", "stranger private", "stranger group"]),
            (world.viewer(world.mentor), "mentor", ["learner public", "learner mentor", "stranger group"]),
            (world.viewer(world.partnerLearner), "network partner", ["learner public", "learner network", "partner network"]),
        ]
    }

    public static func hearingPerRole(_ factory: StoreFactory) async throws {
        let stores = try await factory()
        let world = try await AuthorityWorld.build(stores)
        for (viewer, name, hears) in expectedHearing(world) {
            let listed = try await stores.recordings.recordings(visibleTo: viewer, limit: 100, before: nil, purpose: nil)
            #expect(Set(listed.map(\.title)) == hears, "\(name) lists")
            #expect(listed.count == hears.count, "\(name) lists each once")
            for recording in world.recordings {
                let found = try await stores.recordings.recording(id: recording.id, visibleTo: viewer)
                #expect((found != nil) == hears.contains(recording.title), "\(name) by id: \(recording.title)")
                if let found { #expect(found == recording) }
            }
            #expect(try await stores.recordings.recording(id: ResourceID.generate(), visibleTo: viewer) == nil)
        }
    }

    public static func mentorHearing(_ factory: StoreFactory) async throws {
        let stores = try await factory()
        let world = try await AuthorityWorld.build(stores)
        let shared = world.learnerMentorShared
        for (moment, hears) in [(AuthorityWorld.pairStart.addingTimeInterval(-1), false), (AuthorityWorld.pairStart, true),
                                (AuthorityWorld.during, true), (AuthorityWorld.pairEnd, false)] {
            let viewer = world.viewer(world.mentor, at: moment)
            #expect((try await stores.recordings.recording(id: shared.id, visibleTo: viewer) != nil) == hears, "\(moment)")
            let listed = try await stores.recordings.recordings(visibleTo: viewer, limit: 100, before: nil, purpose: nil)
            #expect(listed.contains { $0.id == shared.id } == hears, "\(moment)")
            #expect(try await stores.people.isActiveMentor(world.mentor.id, of: world.learner.id, at: moment) == hears, "\(moment)")
        }
        // No longer shared with the pair: the mentor hears it no more.
        _ = try await stores.recordings.setVisibility(id: shared.id, visibility: .private, sharedWithMentor: false)
        #expect(try await stores.recordings.recording(id: shared.id, visibleTo: world.viewer(world.mentor)) == nil)
        // A pair cut short ends the hearing at its new end.
        _ = try await stores.recordings.setVisibility(id: shared.id, visibility: .private, sharedWithMentor: true)
        var shortened = world.pair
        shortened.endsAt = AuthorityWorld.during.addingTimeInterval(-1)
        try await stores.people.save(shortened)
        #expect(try await stores.recordings.recording(id: shared.id, visibleTo: world.viewer(world.mentor)) == nil)
    }

    public static func hearingLists(_ factory: StoreFactory) async throws {
        let stores = try await factory()
        let trainer = try await Seed.person(stores, "m.durand", .trainer)
        let admin = Viewer(personId: ResourceID.generate(), role: .admin)
        var ids: [String] = []
        for index in 0..<5 {
            ids.append(try await Seed.insert(stores, Seed.row(title: "p\(index)", owner: trainer, visibility: .public)).id)
        }
        // Scenario audio and a spoken label: public, heard by id, listed nowhere.
        let shipped = try await Seed.insert(stores, Seed.row(visibility: .public))
        try await stores.scenarios.saveShippedMedia(ShippedMedia(path: "prompts/a.opus", sha256: shipped.sha256, text: nil, language: nil,
                                                                 recordingId: shipped.id))
        let label = try await Seed.insert(stores, Seed.row(owner: trainer))
        _ = try await stores.labels.publishSpokenLabel(SpokenLabel(language: "fr", key: "record", recordingId: label.id, recordedBy: trainer.id))
        for viewer in [admin, Viewer.anonymous(), Viewer(personId: trainer.id, role: .trainer)] {
            #expect(try await stores.recordings.recordings(visibleTo: viewer, limit: 100, before: nil, purpose: nil).map(\.id) == ids.reversed())
            #expect(try await stores.recordings.recording(id: shipped.id, visibleTo: viewer) != nil)
            #expect(try await stores.recordings.recording(id: label.id, visibleTo: viewer) != nil)
        }
        var seen: [String] = []
        var before: Int64?
        while true {
            let page = try await stores.recordings.recordings(visibleTo: Viewer.anonymous(), limit: 2, before: before, purpose: nil)
            seen += page.map(\.id)
            guard page.count == 2 else { break }
            before = page.last!.seq
        }
        #expect(seen == ids.reversed())
    }

    public static func narrowingHoldsAtOnce(_ factory: StoreFactory) async throws {
        let stores = try await factory()
        let owner = try await Seed.person(stores, "amina")
        let recording = try await Seed.insert(stores, Seed.row(owner: owner, visibility: .public))
        let anonymous = Viewer.anonymous()
        for _ in 0..<3 { #expect(try await stores.recordings.recording(id: recording.id, visibleTo: anonymous) == recording) }
        _ = try await stores.recordings.setVisibility(id: recording.id, visibility: .private, sharedWithMentor: false)
        #expect(try await stores.recordings.recording(id: recording.id, visibleTo: anonymous) == nil)
        #expect(try await stores.recordings.recording(id: recording.id, visibleTo: Viewer(personId: owner.id, role: .learner)) != nil)
        // Widened again, renamed, then withdrawn: every reader sees each change at once.
        _ = try await stores.recordings.setVisibility(id: recording.id, visibility: .public, sharedWithMentor: false)
        #expect(try await stores.recordings.recording(id: recording.id, visibleTo: anonymous)?.visibility == .public)
        _ = try await stores.recordings.update(id: recording.id, title: "renamed", language: nil, picture: nil)
        #expect(try await stores.recordings.recording(id: recording.id, visibleTo: anonymous)?.title == "renamed")
        _ = try await stores.recordings.withdraw(id: recording.id, by: owner.id, now: Date(), unreferenced: { _ in })
        #expect(try await stores.recordings.recording(id: recording.id, visibleTo: anonymous) == nil)
    }

    /// A signed-in viewer reads the same recording range after range; whatever changes what the
    /// hearing rule reads (the row, a membership, a network, a person's role) holds at their next read.
    public static func signedInHearingChangesAtOnce(_ factory: StoreFactory) async throws {
        let stores = try await factory()
        let world = try await AuthorityWorld.build(stores)
        func hears(_ person: Person, _ recording: Recording) async throws -> Bool {
            try await stores.recordings.recording(id: recording.id, visibleTo: world.viewer(person)) != nil
        }
        // The classmate hears the learner's group recording, again and again, until it is made private.
        for _ in 0..<3 { #expect(try await hears(world.classmate, world.learnerGroup)) }
        _ = try await stores.recordings.setVisibility(id: world.learnerGroup.id, visibility: .private, sharedWithMentor: false)
        #expect(try await !hears(world.classmate, world.learnerGroup))
        #expect(try await hears(world.learner, world.learnerGroup), "the owner still hears it")
        // The network partner hears the network recording until their group leaves the network.
        for _ in 0..<3 { #expect(try await hears(world.partnerLearner, world.learnerNetwork)) }
        _ = try await stores.people.leave(networkId: world.network.id, groupId: world.partner.id)
        #expect(try await !hears(world.partnerLearner, world.learnerNetwork))
        // The trainer hears the learner's private recording until the learner leaves their group.
        for _ in 0..<3 { #expect(try await hears(world.trainer, world.learnerPrivate)) }
        _ = try await stores.people.removeMember(personId: world.learner.id, groupId: world.classGroup.id)
        #expect(try await !hears(world.trainer, world.learnerPrivate))
        // A mentor shared with hears by the clock: the answer at one moment is not the next one's.
        let shared = world.learnerMentorShared
        #expect(try await stores.recordings.recording(id: shared.id, visibleTo: world.viewer(world.mentor)) != nil)
        #expect(try await stores.recordings.recording(id: shared.id, visibleTo: world.viewer(world.mentor, at: AuthorityWorld.pairEnd)) == nil)
    }
}

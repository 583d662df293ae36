import Foundation
import Storage

/// The README's authority table ("Who may act on whom") as data: people in every relation the
/// table names, and a recording of each visibility, made through the protocols.
///
/// - `class` (G1): the trainer, a co-trainer, the learner and a classmate;
/// - `camp` (G2): a stranger learner, the stranger's trainer, and the learner's mentor (a learner);
/// - `partner` (G3): a learner joined with G1 in a network;
/// - the admin belongs to no group; the mentor mentors the learner from `pairStart` to `pairEnd`.
struct AuthorityWorld {
    let admin, trainer, coTrainer, learner, classmate, stranger, strangersTrainer, mentor, partnerLearner: Person
    let classGroup, camp, partner: LearningGroup
    let network: Network
    let pair: MentoringPair
    /// The learner's recordings, one per visibility; `mentorShared` is private, shared with the pair.
    let learnerPrivate, learnerMentorShared, learnerGroup, learnerNetwork, learnerPublic: Recording
    let trainerPrivate, coTrainerPrivate, classmateGroup, classmatePrivate, strangerPrivate, strangerGroup, partnerNetwork: Recording

    static let pairStart = Date(timeIntervalSince1970: 1_800_000_000)
    static let pairEnd = Date(timeIntervalSince1970: 1_900_000_000)
    /// A moment while the pair is active.
    static let during = Date(timeIntervalSince1970: 1_850_000_000)

    var everyone: [Person] { [admin, trainer, coTrainer, learner, classmate, stranger, strangersTrainer, mentor, partnerLearner] }
    var recordings: [Recording] {
        [learnerPrivate, learnerMentorShared, learnerGroup, learnerNetwork, learnerPublic, trainerPrivate, coTrainerPrivate,
         classmateGroup, classmatePrivate, strangerPrivate, strangerGroup, partnerNetwork]
    }

    func viewer(_ person: Person, at now: Date = AuthorityWorld.during) -> Viewer {
        Viewer(personId: person.id, role: person.role, now: now)
    }

    static func build(_ stores: Stores) async throws -> AuthorityWorld {
        let admin = try await Seed.person(stores, "root", .admin)
        let trainer = try await Seed.person(stores, "m.durand", .trainer)
        let coTrainer = try await Seed.person(stores, "s.martin", .trainer)
        let learner = try await Seed.person(stores, "amina")
        let classmate = try await Seed.person(stores, "yusuf")
        let stranger = try await Seed.person(stores, "lina")
        let strangersTrainer = try await Seed.person(stores, "p.leroy", .trainer)
        let mentor = try await Seed.person(stores, "fatou")
        let partnerLearner = try await Seed.person(stores, "omar")
        let classGroup = try await Seed.group(stores, "Classe A", members: [trainer, coTrainer, learner, classmate])
        let camp = try await Seed.group(stores, "Camp B", members: [stranger, strangersTrainer, mentor])
        let partner = try await Seed.group(stores, "Centre C", members: [partnerLearner])
        let network = try await stores.people.insert(Network(name: "Réseau"))
        try await stores.people.join(networkId: network.id, groupId: classGroup.id)
        try await stores.people.join(networkId: network.id, groupId: partner.id)
        let pair = try await stores.people.insert(MentoringPair(mentorId: mentor.id, newcomerId: learner.id, startsAt: pairStart, endsAt: pairEnd))

        func add(_ title: String, _ owner: Person, _ group: LearningGroup, _ visibility: Visibility, mentor: Bool = false) async throws -> Recording {
            try await Seed.insert(stores, Seed.row(title: title, owner: owner, group: group, visibility: visibility, sharedWithMentor: mentor))
        }
        return AuthorityWorld(
            admin: admin, trainer: trainer, coTrainer: coTrainer, learner: learner, classmate: classmate, stranger: stranger,
            strangersTrainer: strangersTrainer, mentor: mentor, partnerLearner: partnerLearner,
            classGroup: classGroup, camp: camp, partner: partner, network: network, pair: pair,
            learnerPrivate: try await add("learner private", learner, classGroup, .private),
            learnerMentorShared: try await add("learner mentor", learner, classGroup, .private, mentor: true),
            learnerGroup: try await add("learner group", learner, classGroup, .group),
            learnerNetwork: try await add("learner network", learner, classGroup, .network),
            learnerPublic: try await add("learner public", learner, classGroup, .public),
            trainerPrivate: try await add("trainer private", trainer, classGroup, .private),
            coTrainerPrivate: try await add("co-trainer private", coTrainer, classGroup, .private),
            classmateGroup: try await add("classmate group", classmate, classGroup, .group),
            classmatePrivate: try await add("classmate private", classmate, classGroup, .private),
            strangerPrivate: try await add("stranger private", stranger, camp, .private),
            strangerGroup: try await add("stranger group", stranger, camp, .group),
            partnerNetwork: try await add("partner network", partnerLearner, partner, .network))
    }
}

import Foundation
import Storage

/// Who may act on whom: the authority model of the README's table, decided here and nowhere
/// else (hearing recordings is the same rule written as SQL in the store, so that lists are
/// filtered in the query).
///
/// The one relation that gives power over a person: a trainer **trains** a learner when both
/// belong to one group. Trainers never gain power over other trainers or admins, and a trainer
/// cannot make someone their learner by adding them to a group: a learner joins a trainer's
/// group only from a group that trainer already trains (or on creation, or by an admin), and
/// who added them is recorded.
public struct Authority: Sendable {
    private let stores: Stores

    public init(stores: Stores) {
        self.stores = stores
    }

    // MARK: people

    /// True when `actor` is a trainer and `person` a learner of one of their groups.
    public func trains(_ actor: Person, _ person: Person) async throws -> Bool {
        guard actor.role == .trainer, person.role == .learner else { return false }
        return try await stores.people.isTrainer(actor.id, of: person.id)
    }

    /// Power over another person: edit their profile and photo, set their picture code, lift a
    /// lock, read their sign-in attempts, set their levels, pair them with a mentor, delete them.
    /// Admins over everyone; trainers over the learners they train; learners over nobody.
    public func mayManage(_ person: Person, actor: Person) async throws -> Bool {
        switch actor.role {
        case .admin: true
        case .trainer: try await trains(actor, person)
        case .learner: false
        }
    }

    /// ``mayManage(_:actor:)``, or `AccessDenied`.
    public func requireManage(_ person: Person, actor: Person, _ what: String = "change this person") async throws {
        guard try await mayManage(person, actor: actor) else {
            throw AccessDenied("you may not \(what): only an admin, or a trainer of \(person.displayName)'s group, may")
        }
    }

    /// One's own profile, sign-in attempts and progress, or someone one manages.
    public func requireSelfOrManage(_ person: Person, actor: Person, _ what: String) async throws {
        if actor.id == person.id { return }
        try await requireManage(person, actor: actor, what)
    }

    /// Creating people: admins create anyone; trainers create learners, straight into groups they
    /// belong to.
    public func requireCreate(role: Role, inGroups groupIds: [String], actor: Person) async throws {
        switch actor.role {
        case .admin: return
        case .learner: throw AccessDenied("a learner may not create people")
        case .trainer:
            guard role == .learner else { throw AccessDenied("trainers create learners; ask an admin for other roles") }
            let mine = Set(try await stores.people.groupIds(of: actor.id))
            guard groupIds.allSatisfy(mine.contains) else { throw AccessDenied("you can only add learners to your own groups") }
        }
    }

    /// Changing roles and other people's passwords: admins only.
    public func requireAdmin(_ actor: Person, _ what: String) throws {
        guard actor.role == .admin else { throw AccessDenied("only an admin may \(what)") }
    }

    // MARK: groups

    /// Renaming, deleting, adding to a group, following its progress, enrolling its kiosks:
    /// admins, and the trainers who belong to it.
    public func mayManage(group: LearningGroup, actor: Person) async throws -> Bool {
        switch actor.role {
        case .admin: true
        case .trainer: try await stores.people.groupIds(of: actor.id).contains(group.id)
        case .learner: false
        }
    }

    public func requireManage(group: LearningGroup, actor: Person) async throws {
        guard try await mayManage(group: group, actor: actor) else {
            throw AccessDenied("only an admin or a trainer of '\(group.name)' may manage it")
        }
    }

    /// Adding `person` to `group`. Admins add anyone. A trainer of the group adds learners they
    /// already train (from another of their groups); a learner of another trainer's groups only
    /// moves through an admin, or through a trainer of both groups.
    public func requireAddMember(_ person: Person, to group: LearningGroup, actor: Person) async throws {
        try await requireManage(group: group, actor: actor)
        guard actor.role != .admin else { return }
        guard person.role == .learner else { throw AccessDenied("only an admin adds trainers and admins to groups") }
        if try await stores.people.groupIds(of: person.id).contains(group.id) { return }
        guard try await trains(actor, person) else {
            throw AccessDenied("\(person.displayName) is not a learner of your groups: an admin, or a trainer of their group who also trains '\(group.name)', can add them")
        }
    }

    /// Removing `personId` from `group`: anyone may leave; admins remove anyone; the group's
    /// trainers remove its learners.
    public func requireRemoveMember(_ person: Person?, personId: String, from group: LearningGroup, actor: Person) async throws {
        if personId == actor.id { return }
        try await requireManage(group: group, actor: actor)
        if actor.role != .admin, let person, person.role != .learner {
            throw AccessDenied("only an admin removes trainers and admins from groups")
        }
    }

    /// Enrolling a kiosk for groups: admins for any, trainers for groups they belong to.
    public func requireEnrolKiosk(groupIds: [String], actor: Person) async throws {
        guard actor.role != .learner else { throw AccessDenied("a learner may not enrol kiosks") }
        guard actor.role != .admin else { return }
        let mine = Set(try await stores.people.groupIds(of: actor.id))
        guard groupIds.allSatisfy(mine.contains) else { throw AccessDenied("you can only enrol kiosks for your own groups") }
    }

    /// Revoking a kiosk: admins, the trainer who enrolled it, trainers of one of its groups.
    public func requireRevokeKiosk(_ kiosk: Kiosk, actor: Person) async throws {
        guard actor.role != .learner else { throw AccessDenied("a learner may not revoke kiosks") }
        if actor.role == .admin || kiosk.enrolledBy == actor.id { return }
        let mine = Set(try await stores.people.groupIds(of: actor.id))
        guard !mine.isDisjoint(with: try await stores.credentials.kioskGroupIds(kiosk.id)) else {
            throw AccessDenied("this kiosk belongs to other groups")
        }
    }

    // MARK: recordings

    /// Renaming, narrowing, widening (with the owner's consent), withdrawing: the owner, the
    /// trainers of an owner who is a learner, admins. Recordings without an owner (shipped
    /// scenario audio): admins only.
    public func mayManage(recording: Recording, actor: Person) async throws -> Bool {
        if actor.role == .admin || recording.ownerId == actor.id { return true }
        guard actor.role == .trainer, let owner = recording.ownerId else { return false }
        return try await stores.people.isTrainer(actor.id, of: owner)
    }

    public func requireManage(recording: Recording, actor: Person) async throws {
        guard try await mayManage(recording: recording, actor: actor) else {
            throw AccessDenied("only the owner, their trainers or an admin may change this recording")
        }
    }

    /// Who may learn that a recording was withdrawn (410 rather than 404): the same people as
    /// ``mayManage(recording:actor:)``, for the owner recorded on the tombstone.
    public func mayKnowWithdrawal(_ tombstone: Tombstone, actor: Person) async throws -> Bool {
        if actor.role == .admin || tombstone.ownerId == actor.id { return true }
        guard actor.role == .trainer, let owner = tombstone.ownerId else { return false }
        return try await stores.people.isTrainer(actor.id, of: owner)
    }

    /// A spoken label's previous recording, when the label is replaced or removed: withdrawn when
    /// the actor may manage it (their own voice, or an admin), otherwise given back to its owner
    /// as an ordinary recording of theirs: a trainer never withdraws another trainer's voice.
    public func withdrawsReplacedLabel(_ recording: Recording, actor: Person) async throws -> Bool {
        try await mayManage(recording: recording, actor: actor)
    }

    /// Moving a recording to another group (whose members `group` and `network` visibility then
    /// reach): by those who manage it, into a group its owner belongs to (a recording without an
    /// owner: anywhere, by an admin). While it is heard beyond its owner and those who manage it,
    /// only its owner moves it: their consent was given with that group's members in view.
    public func requireMove(_ recording: Recording, toGroup groupId: String, actor: Person) async throws {
        try await requireManage(recording: recording, actor: actor)
        guard let owner = recording.ownerId else { return }
        guard try await stores.people.groupIds(of: owner).contains(groupId) else {
            throw AccessDenied("a recording goes only into a group its owner belongs to")
        }
        if recording.visibility > .private && actor.id != owner {
            throw AccessDenied("only its owner moves a shared recording to another group; make it private first")
        }
    }

    // MARK: faces

    /// Who sees a person's photo and hears their spoken name: whoever may see the person, and the
    /// sign-in screens (an open group's, a kiosk's) that list a learner.
    public func mayShowFace(of person: Person, viewer: Viewer, kioskId: String?) async throws -> Bool {
        if try await stores.people.person(id: person.id, visibleTo: viewer) != nil { return true }
        guard person.role == .learner else { return false }
        let listed = Set(try await stores.credentials.signInGroups(kioskId: kioskId).map(\.id))
        return !listed.isDisjoint(with: try await stores.people.groupIds(of: person.id))
    }

    // MARK: progress and mentoring

    /// Following a person's progress and attempts: themselves, their trainers (if a learner),
    /// their active mentor, admins.
    public func mayFollowProgress(of personId: String, actor: Person, now: Date = Date()) async throws -> Bool {
        if actor.id == personId || actor.role == .admin { return true }
        if actor.role == .trainer, try await stores.people.isTrainer(actor.id, of: personId) { return true }
        return try await stores.people.isActiveMentor(actor.id, of: personId, at: now)
    }

    /// Setting a level by hand: the learner's trainers and admins.
    public func requireSetLevel(for person: Person, actor: Person) async throws {
        let trainsLearner = try await trains(actor, person)
        guard actor.role == .admin || trainsLearner else {
            throw AccessDenied("only the learner's trainers (or an admin) set a level by hand")
        }
    }

    /// Pairing a newcomer with a mentor, or changing the pair: admins, and the newcomer's trainers.
    public func requireManagePair(newcomerId: String, actor: Person) async throws {
        guard actor.role != .admin else { return }
        guard actor.role == .trainer, try await stores.people.isTrainer(actor.id, of: newcomerId) else {
            throw AccessDenied("only the newcomer's trainers or an admin pair them or change their pair")
        }
    }
}

import Foundation

/// People, groups and who belongs to them, networks of groups, mentoring pairs.
public protocol PeopleStore: Sendable {
    /// Inserts the person (name stored lowercased); `StorageError.conflict` with `conflictMessage`
    /// when the name is taken.
    func insertPerson(_ person: Person, conflictMessage: String?) async throws -> Person
    func person(id: String) async throws -> Person?
    /// By sign-in name, case-insensitively.
    func person(name: String) async throws -> Person?
    func save(_ person: Person) async throws
    /// Points the person at their spoken name (a recording; nil: none) and returns the recording
    /// it replaced. Only that field is written: a profile saved at the same time keeps its changes.
    func setNameRecording(personId: String, recordingId: String?) async throws -> String?
    /// Deletes a person; `StorageError.conflict` while recordings they own remain.
    func deletePerson(id: String) async throws -> Bool
    func peopleCount() async throws -> Int
    /// Everyone for an admin; the people sharing a group with a trainer, plus themselves; oneself
    /// for a learner.
    func people(visibleTo viewer: Viewer) async throws -> [Person]
    /// The person if the viewer may see them (the same rule as ``people(visibleTo:)``).
    func person(id: String, visibleTo viewer: Viewer) async throws -> Person?

    func insert(_ group: LearningGroup, members: [String]) async throws -> LearningGroup
    func group(id: String) async throws -> LearningGroup?
    /// The group if the viewer may see it: an admin, or one of its members.
    func group(id: String, visibleTo viewer: Viewer) async throws -> LearningGroup?
    /// Every group for an admin; one's own groups otherwise.
    func groups(visibleTo viewer: Viewer) async throws -> [LearningGroup]
    func save(_ group: LearningGroup) async throws
    func deleteGroup(id: String) async throws -> Bool
    func groupIds(of personId: String) async throws -> [String]
    func members(of groupId: String) async throws -> [Person]
    /// Adds the person to the group (nothing when they already belong to it), recording who did.
    func addMember(personId: String, groupId: String, addedBy: String?) async throws
    func membership(personId: String, groupId: String) async throws -> Membership?
    func removeMember(personId: String, groupId: String) async throws -> Bool
    /// True when `trainerId` is a trainer and `personId` a learner in one of their groups.
    func isTrainer(_ trainerId: String, of personId: String) async throws -> Bool

    func insert(_ network: Network) async throws -> Network
    func network(id: String) async throws -> Network?
    func networks() async throws -> [(network: Network, groupIds: [String])]
    func deleteNetwork(id: String) async throws -> Bool
    func join(networkId: String, groupId: String) async throws
    func leave(networkId: String, groupId: String) async throws -> Bool

    func insert(_ pair: MentoringPair) async throws -> MentoringPair
    func mentoringPair(id: String) async throws -> MentoringPair?
    /// All pairs for an admin; for a trainer, the pairs whose newcomer or mentor they train; one's
    /// own pairs otherwise.
    func mentoringPairs(visibleTo viewer: Viewer) async throws -> [MentoringPair]
    func save(_ pair: MentoringPair) async throws
    func deleteMentoringPair(id: String) async throws -> Bool
    /// True when `mentorId` mentors `newcomerId` in a pair active at `date`.
    func isActiveMentor(_ mentorId: String, of newcomerId: String, at date: Date) async throws -> Bool
}

extension PeopleStore {
    public func insertPerson(_ person: Person) async throws -> Person { try await insertPerson(person, conflictMessage: nil) }
    public func insert(_ group: LearningGroup) async throws -> LearningGroup { try await insert(group, members: []) }
    public func isActiveMentor(_ mentorId: String, of newcomerId: String) async throws -> Bool {
        try await isActiveMentor(mentorId, of: newcomerId, at: Date())
    }
}

import Foundation
import Storage

/// Groups (a class, a camp, a family) and who belongs to them: creating, renaming, deleting,
/// adding and removing members, as ``Authority`` allows.
public struct GroupService: Sendable {
    let stores: Stores
    var authority: Authority { Authority(stores: stores) }

    public init(stores: Stores) {
        self.stores = stores
    }

    /// What a group change may set; nil leaves a field as it is.
    public struct Changes: Sendable {
        public var name: String?
        public var picture: String?
        public var openSignIn: Bool?

        public init(name: String? = nil, picture: String? = nil, openSignIn: Bool? = nil) {
            self.name = name
            self.picture = picture
            self.openSignIn = openSignIn
        }
    }

    /// Every group for an admin; one's own otherwise.
    public func groups(visibleTo viewer: Viewer) async throws -> [LearningGroup] {
        try await stores.people.groups(visibleTo: viewer)
    }

    /// A group the viewer belongs to (any group for an admin); `notFound` otherwise.
    public func group(id: String, visibleTo viewer: Viewer) async throws -> LearningGroup {
        guard ResourceID.isValid(id), let group = try await stores.people.group(id: id, visibleTo: viewer) else {
            throw ServiceError.notFound("group \(id.prefix(40))")
        }
        return group
    }

    /// A group the actor manages (admins, and trainers who belong to it): `notFound` when they
    /// may not see it, `AccessDenied` for its learners.
    public func managedGroup(id: String, actor: Person) async throws -> LearningGroup {
        let group = try await group(id: id, visibleTo: Viewer(personId: actor.id, role: actor.role))
        try await authority.requireManage(group: group, actor: actor)
        return group
    }

    /// Who may create groups: trainers and admins.
    public func requireCreate(actor: Person) throws {
        guard actor.role != .learner else { throw AccessDenied("a learner may not create groups") }
    }

    /// A new group; the trainer who makes it belongs to it, so they manage it.
    public func create(name: String, picture: String?, openSignIn: Bool, actor: Person) async throws -> LearningGroup {
        try requireCreate(actor: actor)
        let group = LearningGroup(name: try FieldValidation.name(name), picture: try picture.map(PersonFields.picture), openSignIn: openSignIn)
        return try await stores.people.insert(group, members: actor.role == .trainer ? [actor.id] : [])
    }

    /// Renames the group, changes its picture or its open sign-in (a group from ``managedGroup(id:actor:)``).
    public func update(_ group: LearningGroup, with changes: Changes) async throws -> LearningGroup {
        var group = group
        if let name = changes.name { group.name = try FieldValidation.name(name) }
        if let picture = changes.picture { group.picture = try PersonFields.picture(picture) }
        if let open = changes.openSignIn { group.openSignIn = open }
        try await stores.people.save(group)
        return group
    }

    /// Deletes a group from ``managedGroup(id:actor:)``.
    public func delete(_ group: LearningGroup) async throws {
        _ = try await stores.people.deleteGroup(id: group.id)
    }

    /// The group's members, and which of them are locked out of picture sign-in somewhere.
    public func members(of group: LearningGroup) async throws -> (people: [Person], locked: Set<String>) {
        let members = try await stores.people.members(of: group.id)
        return (members, try await stores.credentials.lockedSomewhere(personIds: members.map(\.id)))
    }

    /// Adds `personId` to a group from ``managedGroup(id:actor:)``, as
    /// ``Authority/requireAddMember(_:to:actor:)`` allows.
    public func addMember(_ personId: String, to group: LearningGroup, actor: Person) async throws {
        guard ResourceID.isValid(personId), let person = try await stores.people.person(id: personId) else {
            throw ServiceError.invalidField("personId", "no person \(personId.prefix(40))")
        }
        try await authority.requireAddMember(person, to: group, actor: actor)
        try await stores.people.addMember(personId: person.id, groupId: group.id, addedBy: actor.id)
    }

    /// Removes `personId` from a visible group: anyone may leave; `notFound` when they were not a member.
    public func removeMember(_ personId: String, from group: LearningGroup, actor: Person) async throws {
        let person = ResourceID.isValid(personId) ? try await stores.people.person(id: personId) : nil
        try await authority.requireRemoveMember(person, personId: personId, from: group, actor: actor)
        guard try await stores.people.removeMember(personId: personId, groupId: group.id) else {
            throw ServiceError.notFound("member \(personId.prefix(40))")
        }
    }
}

import Foundation
import Hummingbird
import Services
import Storage

/// `/api/groups`: classes, camps, families, and who belongs to them.
struct GroupsController: Sendable {
    let stores: Stores
    var authority: Authority { Authority(stores: stores) }

    func addRoutes(to router: Router<ParlonsRequestContext>) {
        router.get("/api/groups", use: list)
        router.post("/api/groups", use: create)
        router.get("/api/groups/{id}", use: show)
        router.patch("/api/groups/{id}", use: update)
        router.delete("/api/groups/{id}", use: delete)
        router.get("/api/groups/{id}/members", use: members)
        router.post("/api/groups/{id}/members", use: addMember)
        router.delete("/api/groups/{id}/members/{personId}", use: removeMember)
    }

    struct NewGroup: Decodable { let name: String; let picture: String?; let openSignIn: Bool? }
    struct GroupPatch: Decodable { let name: String?; let picture: String?; let openSignIn: Bool? }
    struct NewMember: Decodable { let personId: String }

    @Sendable func list(request: Request, context: ParlonsRequestContext) async throws -> [GroupResponse] {
        _ = try context.requirePerson()
        return try await stores.people.groups(visibleTo: context.viewer).map(GroupResponse.init)
    }

    @Sendable func create(request: Request, context: ParlonsRequestContext) async throws -> Response {
        let actor = try context.requirePerson()
        guard actor.role != .learner else { throw AccessDenied("a learner may not create groups") }
        let body = try await request.decodeJSON(NewGroup.self, context: context)
        let group = LearningGroup(name: try Self.name(body.name), picture: try body.picture.map(PersonFields.picture),
                                  openSignIn: body.openSignIn ?? false)
        // The trainer who makes a group belongs to it, so they manage it.
        let created = try await stores.people.insert(group, members: actor.role == .trainer ? [actor.id] : [])
        return try created201(GroupResponse(created), location: "/api/groups/\(created.id)", request: request, context: context)
    }

    @Sendable func show(request: Request, context: ParlonsRequestContext) async throws -> GroupResponse {
        GroupResponse(try await visibleGroup(context))
    }

    @Sendable func update(request: Request, context: ParlonsRequestContext) async throws -> GroupResponse {
        var group = try await managedGroup(context)
        let body = try await request.decodeJSON(GroupPatch.self, context: context)
        if let name = body.name { group.name = try Self.name(name) }
        if let picture = body.picture { group.picture = try PersonFields.picture(picture) }
        if let open = body.openSignIn { group.openSignIn = open }
        try await stores.people.save(group)
        return GroupResponse(group)
    }

    @Sendable func delete(request: Request, context: ParlonsRequestContext) async throws -> Response {
        let group = try await managedGroup(context)
        _ = try await stores.people.deleteGroup(id: group.id)
        return Response(status: .noContent)
    }

    @Sendable func members(request: Request, context: ParlonsRequestContext) async throws -> [PersonResponse] {
        let group = try await visibleGroup(context)
        let members = try await stores.people.members(of: group.id)
        let locked = try await stores.credentials.lockedSomewhere(personIds: members.map(\.id))
        return members.map { PersonResponse($0, lockedPlaces: locked) }
    }

    @Sendable func addMember(request: Request, context: ParlonsRequestContext) async throws -> Response {
        let group = try await managedGroup(context)
        let actor = try context.requirePerson()
        let body = try await request.decodeJSON(NewMember.self, context: context)
        guard ResourceID.isValid(body.personId), let person = try await stores.people.person(id: body.personId) else {
            throw APIError.invalidField("personId", "no person \(body.personId.prefix(40))")
        }
        try await authority.requireAddMember(person, to: group, actor: actor)
        try await stores.people.addMember(personId: person.id, groupId: group.id, addedBy: actor.id)
        return Response(status: .noContent)
    }

    @Sendable func removeMember(request: Request, context: ParlonsRequestContext) async throws -> Response {
        let group = try await visibleGroup(context)
        let actor = try context.requirePerson()
        let personId = context.parameters.get("personId") ?? ""
        let person = ResourceID.isValid(personId) ? try await stores.people.person(id: personId) : nil
        try await authority.requireRemoveMember(person, personId: personId, from: group, actor: actor)
        guard try await stores.people.removeMember(personId: personId, groupId: group.id) else { throw APIError.notFound("member \(personId.prefix(40))") }
        return Response(status: .noContent)
    }

    /// A group the caller belongs to (any group for an admin); 404 otherwise.
    func visibleGroup(_ context: ParlonsRequestContext) async throws -> LearningGroup {
        _ = try context.requirePerson()
        let id = context.parameters.get("id") ?? ""
        guard ResourceID.isValid(id), let group = try await stores.people.group(id: id, visibleTo: context.viewer) else {
            throw APIError.notFound("group \(id.prefix(40))")
        }
        return group
    }

    /// A group the caller manages: admins, and trainers who belong to it; 403 for its learners.
    func managedGroup(_ context: ParlonsRequestContext) async throws -> LearningGroup {
        let group = try await visibleGroup(context)
        try await authority.requireManage(group: group, actor: try context.requirePerson())
        return group
    }

    static func name(_ raw: String) throws -> String {
        let name = try FieldValidation.title(raw, field: "name")
        guard !name.isEmpty else { throw APIError.invalidField("name", "must not be empty") }
        return name
    }
}

struct GroupResponse: ResponseEncodable {
    let id: String
    let name: String
    let picture: String?
    let pictureUrl: String?
    let openSignIn: Bool
    let createdAt: String

    init(_ group: LearningGroup) {
        id = group.id
        name = group.name
        picture = group.picture
        pictureUrl = group.picturePhoto.map { _ in "/api/groups/\(group.id)/picture" }
        openSignIn = group.openSignIn
        createdAt = ISO8601.string(group.createdAt)
    }
}

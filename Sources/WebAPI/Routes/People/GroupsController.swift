import Foundation
import Hummingbird
import Services
import Storage

/// `/api/groups`: classes, camps, families, and who belongs to them (``GroupService``).
struct GroupsController: Sendable {
    let service: GroupService

    init(stores: Stores) {
        service = GroupService(stores: stores)
    }

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
        return try await service.groups(visibleTo: context.viewer).map(GroupResponse.init)
    }

    @Sendable func create(request: Request, context: ParlonsRequestContext) async throws -> Response {
        let actor = try context.requirePerson()
        try service.requireCreate(actor: actor)
        let body = try await request.decodeJSON(NewGroup.self, context: context)
        let created = try await service.create(name: body.name, picture: body.picture, openSignIn: body.openSignIn ?? false, actor: actor)
        return try created201(GroupResponse(created), location: "/api/groups/\(created.id)", request: request, context: context)
    }

    @Sendable func show(request: Request, context: ParlonsRequestContext) async throws -> GroupResponse {
        GroupResponse(try await visibleGroup(context))
    }

    @Sendable func update(request: Request, context: ParlonsRequestContext) async throws -> GroupResponse {
        let group = try await managedGroup(context)
        let body = try await request.decodeJSON(GroupPatch.self, context: context)
        return GroupResponse(try await service.update(group, with: .init(name: body.name, picture: body.picture, openSignIn: body.openSignIn)))
    }

    @Sendable func delete(request: Request, context: ParlonsRequestContext) async throws -> Response {
        try await service.delete(try await managedGroup(context))
        return Response(status: .noContent)
    }

    @Sendable func members(request: Request, context: ParlonsRequestContext) async throws -> [PersonResponse] {
        let (members, locked) = try await service.members(of: try await visibleGroup(context))
        return members.map { PersonResponse($0, lockedPlaces: locked) }
    }

    @Sendable func addMember(request: Request, context: ParlonsRequestContext) async throws -> Response {
        let group = try await managedGroup(context)
        let actor = try context.requirePerson()
        let body = try await request.decodeJSON(NewMember.self, context: context)
        try await service.addMember(body.personId, to: group, actor: actor)
        return Response(status: .noContent)
    }

    @Sendable func removeMember(request: Request, context: ParlonsRequestContext) async throws -> Response {
        let group = try await visibleGroup(context)
        try await service.removeMember(context.parameters.get("personId") ?? "", from: group, actor: try context.requirePerson())
        return Response(status: .noContent)
    }

    /// A group the caller belongs to (any group for an admin); 404 otherwise.
    func visibleGroup(_ context: ParlonsRequestContext) async throws -> LearningGroup {
        _ = try context.requirePerson()
        return try await service.group(id: context.parameters.get("id") ?? "", visibleTo: context.viewer)
    }

    /// A group the caller manages: admins, and trainers who belong to it; 403 for its learners.
    func managedGroup(_ context: ParlonsRequestContext) async throws -> LearningGroup {
        try await service.managedGroup(id: context.parameters.get("id") ?? "", actor: try context.requirePerson())
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

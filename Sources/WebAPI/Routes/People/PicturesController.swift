import Foundation
import Hummingbird
import Services
import Storage

/// Photos of people (avatars) and groups: the pictures learners tap on sign-in screens (``PhotoService``).
struct PicturesController: Sendable {
    let service: PhotoService
    let people: PeopleService
    let groups: GroupService

    func addRoutes(to router: Router<ParlonsRequestContext>) {
        router.put("/api/people/{id}/avatar", use: putAvatar)
        router.delete("/api/people/{id}/avatar", use: deleteAvatar)
        router.get("/api/people/{id}/avatar", use: getAvatar)
        router.put("/api/groups/{id}/picture", use: putGroupPicture)
        router.delete("/api/groups/{id}/picture", use: deleteGroupPicture)
        router.get("/api/groups/{id}/picture", use: getGroupPicture)
    }

    // MARK: people

    @Sendable func putAvatar(request: Request, context: ParlonsRequestContext) async throws -> Response {
        let person = try await editablePerson(context)
        try await service.setPhoto(try await photo(request), for: .person(person.id))
        return Response(status: .noContent)
    }

    @Sendable func deleteAvatar(request: Request, context: ParlonsRequestContext) async throws -> Response {
        let person = try await editablePerson(context)
        try await service.setPhoto(nil, for: .person(person.id))
        return Response(status: .noContent)
    }

    /// Anyone who may see the person, or a sign-in screen that lists them, sees their photo.
    @Sendable func getAvatar(request: Request, context: ParlonsRequestContext) async throws -> Response {
        let sha = try await service.avatar(personId: context.parameters.get("id") ?? "", viewer: context.viewer, kioskId: context.kiosk?.id)
        return try await serve(sha, request: request)
    }

    // MARK: groups

    @Sendable func putGroupPicture(request: Request, context: ParlonsRequestContext) async throws -> Response {
        let group = try await managedGroup(context)
        try await service.setPhoto(try await photo(request), for: .group(group.id))
        return Response(status: .noContent)
    }

    @Sendable func deleteGroupPicture(request: Request, context: ParlonsRequestContext) async throws -> Response {
        let group = try await managedGroup(context)
        try await service.setPhoto(nil, for: .group(group.id))
        return Response(status: .noContent)
    }

    /// Members, admins and sign-in screens listing the group see its picture.
    @Sendable func getGroupPicture(request: Request, context: ParlonsRequestContext) async throws -> Response {
        let sha = try await service.groupPicture(groupId: context.parameters.get("id") ?? "", viewer: context.viewer, kioskId: context.kiosk?.id)
        return try await serve(sha, request: request)
    }

    // MARK: shared

    /// The person whose photo the caller may change: themselves, or someone they manage.
    private func editablePerson(_ context: ParlonsRequestContext) async throws -> Person {
        let actor = try context.requirePerson()
        let person = try await people.person(id: context.parameters.get("id") ?? "", visibleTo: context.viewer)
        try await service.requireEdit(person, actor: actor)
        return person
    }

    private func managedGroup(_ context: ParlonsRequestContext) async throws -> LearningGroup {
        try await groups.managedGroup(id: context.parameters.get("id") ?? "", actor: try context.requirePerson())
    }

    /// The uploaded photo's bytes (at most 2 MiB).
    private func photo(_ request: Request) async throws -> [UInt8] {
        Array((try await request.collectBody(upTo: ImageFormat.maxBytes, what: "photos")).readableBytesView)
    }

    private func serve(_ sha: String, request: Request) async throws -> Response {
        let picture = try await service.picture(sha256: sha)
        let tag = EntityTag(value: sha)
        let headers: HTTPFields = [.contentType: picture.contentType, .eTag: tag.header, .cacheControl: MediaController.privateCaching]
        if let condition = request.headers[.ifNoneMatch], tag.matchesIfNoneMatch(condition) {
            return Response(status: .notModified, headers: headers)
        }
        let bytes = try await service.bytes(sha256: sha)
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}

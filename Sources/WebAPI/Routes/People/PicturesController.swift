import Foundation
import Hummingbird
import NIOPosix
import Services
import Storage

/// Photos of people (avatars) and groups: the pictures learners tap on sign-in screens.
struct PicturesController: Sendable {
    let library: RecordingLibrary
    private var stores: Stores { library.stores }

    init(library: RecordingLibrary) {
        self.library = library
    }

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
        try await store(try await photo(request), for: .person(person.id))
        return Response(status: .noContent)
    }

    @Sendable func deleteAvatar(request: Request, context: ParlonsRequestContext) async throws -> Response {
        let person = try await editablePerson(context)
        try await store(nil, for: .person(person.id))
        return Response(status: .noContent)
    }

    /// Anyone who may see the person, or a sign-in screen that lists them, sees their photo.
    @Sendable func getAvatar(request: Request, context: ParlonsRequestContext) async throws -> Response {
        let id = context.parameters.get("id") ?? ""
        guard ResourceID.isValid(id), let person = try await stores.people.person(id: id), let sha = person.avatarPhoto,
              try await Authority(stores: stores).mayShowFace(of: person, viewer: context.viewer, kioskId: context.kiosk?.id) else {
            throw APIError.notFound("photo")
        }
        return try await serve(sha, request: request, context: context)
    }

    // MARK: groups

    @Sendable func putGroupPicture(request: Request, context: ParlonsRequestContext) async throws -> Response {
        let group = try await GroupsController(stores: stores).managedGroup(context)
        try await store(try await photo(request), for: .group(group.id))
        return Response(status: .noContent)
    }

    @Sendable func deleteGroupPicture(request: Request, context: ParlonsRequestContext) async throws -> Response {
        let group = try await GroupsController(stores: stores).managedGroup(context)
        try await store(nil, for: .group(group.id))
        return Response(status: .noContent)
    }

    /// Members, admins and sign-in screens listing the group see its picture.
    @Sendable func getGroupPicture(request: Request, context: ParlonsRequestContext) async throws -> Response {
        let id = context.parameters.get("id") ?? ""
        guard ResourceID.isValid(id), let group = try await stores.people.group(id: id), let sha = group.picturePhoto else {
            throw APIError.notFound("picture")
        }
        let visible = try await stores.people.group(id: id, visibleTo: context.viewer) != nil
        let listed = try await stores.credentials.signInGroups(kioskId: context.kiosk?.id).contains { $0.id == id }
        guard visible || listed else { throw APIError.notFound("picture") }
        return try await serve(sha, request: request, context: context)
    }

    // MARK: shared

    /// The person whose photo the caller may change: themselves, or someone they manage.
    private func editablePerson(_ context: ParlonsRequestContext) async throws -> Person {
        let person = try await PeopleController(stores: stores).visiblePerson(context)
        try await Authority(stores: stores).requireSelfOrManage(person, actor: try context.requirePerson(), "change this person's photo")
        return person
    }

    /// Reads and checks an uploaded photo (at most 2 MiB).
    private func photo(_ request: Request) async throws -> (bytes: [UInt8], format: ImageFormat) {
        let bytes = Array((try await request.collectBody(upTo: ImageFormat.maxBytes, what: "photos")).readableBytesView)
        return (bytes, try ImageFormat.recognise(bytes))
    }

    /// Writes the photo durably, then points the person or group at it; the previous photo goes
    /// when nothing else uses it.
    private func store(_ photo: (bytes: [UInt8], format: ImageFormat)?, for owner: PhotoOwner) async throws {
        let pictures = library.pictures
        var finished: FinishedBlob?
        if let photo {
            let incoming = try pictures.beginWrite()
            try photo.bytes.withUnsafeBytes { try incoming.write($0) }
            finished = try incoming.finish()
        }
        let record = finished.map { Picture(sha256: $0.sha256, contentType: photo!.format.rawValue, byteSize: $0.byteCount) }
        let blob = finished
        do {
            _ = try await stores.photos.setPhoto(record, for: owner, publish: { if let blob { try pictures.publish(blob) } },
                                             unreferenced: { try pictures.remove(sha256: $0) })
        } catch {
            if let blob { pictures.discard(blob) }
            throw error
        }
    }

    private func serve(_ sha: String, request: Request, context: ParlonsRequestContext) async throws -> Response {
        guard let picture = try await stores.photos.picture(sha256: sha) else { throw APIError.notFound("photo") }
        let tag = EntityTag(value: sha)
        let headers: HTTPFields = [.contentType: picture.contentType, .eTag: tag.header, .cacheControl: MediaController.privateCaching]
        if let condition = request.headers[.ifNoneMatch], tag.matchesIfNoneMatch(condition) {
            return Response(status: .notModified, headers: headers)
        }
        let pictures = library.pictures
        let bytes = try await NIOThreadPool.singleton.runIfActive { try pictures.open(sha256: sha)?.readAll() }
        guard let bytes else { throw APIError.notFound("photo") }
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}

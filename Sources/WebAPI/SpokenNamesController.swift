import Foundation
import Hummingbird
import Services
import Storage

/// `/api/people/{id}/name`: a person's name, spoken (in their own voice or their trainer's), which
/// the speaker beside their picture plays on the sign-in screens: a learner who cannot read the
/// names finds themselves by picture and by ear. Stored as a private recording of the person's
/// (purpose `name`, in no list); heard by whoever may see their photo.
struct SpokenNamesController: Sendable {
    let library: RecordingLibrary
    let configuration: ServerConfiguration
    private var directory: SQLiteMetadataStore { library.directory }

    func addRoutes(to router: Router<ParlonsRequestContext>) {
        router.put("/api/people/{id}/name", use: put)
        router.get("/api/people/{id}/name", use: get)
        router.delete("/api/people/{id}/name", use: delete)
    }

    /// The body is audio, as for an upload; it replaces the previous take, which is withdrawn.
    @Sendable func put(request: Request, context: ParlonsRequestContext) async throws -> Response {
        let person = try await editablePerson(context)
        try RecordingIngest.checkDeclaredLength(of: request, maxBytes: configuration.maxUploadBytes)
        let ingest = try RecordingIngest(library: library, settings: configuration.encoderSettings, title: person.displayName,
                                         language: person.languages.first, maxBytes: configuration.maxUploadBytes,
                                         ownerId: person.id, groupId: nil, loudnessTarget: configuration.loudnessTarget)
        ingest.purpose = .name
        try await ingest.consumeBody(of: request)
        let recording = try await ingest.finish()
        let previous = try await directory.setNameRecording(personId: person.id, recordingId: recording.id)
        if let previous { _ = try await library.withdraw(id: previous, by: try context.requirePerson().id) }
        return Response(status: previous == nil ? .created : .noContent, headers: [.location: "/api/people/\(person.id)/name"])
    }

    /// The take, withdrawn for good; the speaker beside the picture falls silent again.
    @Sendable func delete(request: Request, context: ParlonsRequestContext) async throws -> Response {
        let person = try await editablePerson(context)
        guard let previous = try await directory.setNameRecording(personId: person.id, recordingId: nil) else {
            throw APIError.notFound("spoken name of \(person.id)")
        }
        _ = try await library.withdraw(id: previous, by: try context.requirePerson().id)
        return Response(status: .noContent)
    }

    /// Ogg Opus, to those who may see the person and to the sign-in screens that list them (as
    /// their photo); revalidated each time, so a new take or a withdrawal shows at once.
    @Sendable func get(request: Request, context: ParlonsRequestContext) async throws -> Response {
        let id = context.parameters.get("id") ?? ""
        guard ResourceID.isValid(id), let person = try await directory.person(id: id), let recordingId = person.nameRecordingId,
              try await PicturesController.listsPhoto(of: person, context: context, directory: directory),
              let recording = try await directory.recording(id: recordingId) else {
            throw APIError.notFound("spoken name")
        }
        let tag = EntityTag(value: recording.sha256)
        let headers: HTTPFields = [.contentType: "audio/ogg; codecs=opus", .eTag: tag.header, .cacheControl: MediaController.privateCaching]
        if let condition = request.headers[.ifNoneMatch], tag.matchesIfNoneMatch(condition) {
            return Response(status: .notModified, headers: headers)
        }
        let body = try await FileIO(threadPool: .singleton).loadFile(path: library.blobs.path(sha256: recording.sha256), context: context)
        return Response(status: .ok, headers: headers, body: body)
    }

    /// The person whose name the caller may record: themselves, or someone they manage.
    private func editablePerson(_ context: ParlonsRequestContext) async throws -> Person {
        let person = try await PeopleController(directory: directory).visiblePerson(context)
        try await Authority(directory: directory).requireSelfOrManage(person, actor: try context.requirePerson(), "record this person's name")
        return person
    }
}

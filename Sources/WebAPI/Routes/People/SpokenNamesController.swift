import Foundation
import Hummingbird
import Services
import Storage

/// `/api/people/{id}/name`: a person's name, spoken, which the speaker beside their picture plays
/// on the sign-in screens (see ``SpokenNameService``).
struct SpokenNamesController: Sendable {
    let library: RecordingLibrary
    let configuration: ServerConfiguration
    let work: HeavyWorkPool
    /// Serves the take as `/media/ID.opus` serves a recording: ranges, validators, private caching.
    let media: MediaController
    let people: PeopleService
    var service: SpokenNameService { SpokenNameService(library: library) }

    func addRoutes(to router: Router<ParlonsRequestContext>) {
        router.put("/api/people/{id}/name", use: put)
        router.get("/api/people/{id}/name", use: get)
        router.delete("/api/people/{id}/name", use: delete)
    }

    /// The body is audio, as for an upload; it replaces the previous take, which is withdrawn.
    @Sendable func put(request: Request, context: ParlonsRequestContext) async throws -> Response {
        let actor = try context.requirePerson()
        let person = try await people.person(id: context.parameters.get("id") ?? "", visibleTo: context.viewer)
        try await service.requireEdit(person, actor: actor)
        try RecordingIngest.checkDeclaredLength(of: request, maxBytes: configuration.maxUploadBytes)
        let ingest = try RecordingIngest(library: library, settings: configuration.encoderSettings, title: person.displayName,
                                         language: person.languages.first, maxBytes: configuration.maxUploadBytes,
                                         ownerId: person.id, groupId: nil, loudnessTarget: configuration.loudnessTarget, work: work)
        ingest.purpose = .name
        try await ingest.consumeBody(of: request)
        let recording = try await ingest.finish()
        let replaced = try await service.replace(of: person, with: recording, actor: actor)
        return Response(status: replaced ? .noContent : .created, headers: [.location: "/api/people/\(person.id)/name"])
    }

    /// The take, withdrawn for good; the speaker beside the picture falls silent again.
    @Sendable func delete(request: Request, context: ParlonsRequestContext) async throws -> Response {
        let actor = try context.requirePerson()
        let person = try await people.person(id: context.parameters.get("id") ?? "", visibleTo: context.viewer)
        try await service.requireEdit(person, actor: actor)
        try await service.remove(of: person, actor: actor)
        return Response(status: .noContent)
    }

    /// Ogg Opus, to those who may see the person and to the sign-in screens that list them (as
    /// their photo); revalidated each time, so a new take or a withdrawal shows at once.
    @Sendable func get(request: Request, context: ParlonsRequestContext) async throws -> Response {
        let id = context.parameters.get("id") ?? ""
        guard ResourceID.isValid(id),
              let recording = try await service.recording(personId: id, viewer: context.viewer, kioskId: context.kiosk?.id) else {
            throw APIError.notFound("spoken name")
        }
        return try await media.opus(recording, request: request, context: context)
    }
}

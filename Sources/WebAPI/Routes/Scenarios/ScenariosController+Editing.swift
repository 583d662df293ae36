import Foundation
import Hummingbird
import ScenarioFormat
import Services
import Storage
import Transcripts

extension ScenariosController {
    /// `POST /api/scenarios?group=G&visibility=group|network|public&message=…` with the Markdown
    /// file as body: a new scenario of the group (trainers of the group, admins).
    @Sendable func create(request: Request, context: ParlonsRequestContext) async throws -> Response {
        let person = try context.requireRole(.trainer, .admin)
        let query = request.uri.queryParameters
        let groupId = try await service.targetGroup(query["group"].map(String.init), actor: person)
        let visibility = try ScenarioService.visibility(query["visibility"].map(String.init) ?? "group")
        let body = try await Self.markdownBody(request)
        let created = try await service.create(body, groupId: groupId, visibility: visibility,
                                               message: ScenarioService.message(query["message"], default: "created"), actor: person)
        return try await response(created, request: request, context: context, status: .created)
    }

    /// `PUT /api/scenarios/{slug}?message=…` with the Markdown: the next revision. `If-Match: "rN"`
    /// refuses the save (412) when someone saved since revision N.
    @Sendable func save(request: Request, context: ParlonsRequestContext) async throws -> Response {
        let (loaded, person) = try await editable(context)
        let body = try await Self.markdownBody(request)
        let saved = try await service.save(body, on: loaded.record, message: ScenarioService.message(request.uri.queryParameters["message"], default: "edited"),
                                           actor: person, expectedRevision: request.expectedRevision)
        return try await response(saved, request: request, context: context)
    }

    /// `POST /api/scenarios/{slug}/revert` `{"revision": N, "message": "…"}`: revision N's text as
    /// the next revision (nothing is lost: the reverted ones stay in the history).
    @Sendable func revert(request: Request, context: ParlonsRequestContext) async throws -> Response {
        struct Revert: Decodable { let revision: Int; let message: String? }
        let (loaded, person) = try await editable(context)
        let input = try await request.decodeJSON(Revert.self, context: context)
        let reverted = try await service.revert(loaded.record, to: input.revision, message: input.message, actor: person,
                                                expectedRevision: request.expectedRevision)
        return try await response(reverted, request: request, context: context)
    }

    /// `PATCH /api/scenarios/{slug}` `{"visibility": "network", "group": "G"}`: who sees it.
    @Sendable func update(request: Request, context: ParlonsRequestContext) async throws -> Response {
        struct Patch: Decodable { let visibility: String?; let group: String? }
        let (loaded, person) = try await editable(context)
        let patch = try await request.decodeJSON(Patch.self, context: context)
        let updated = try await service.update(loaded, visibility: patch.visibility, group: patch.group, actor: person)
        return try await response(updated, request: request, context: context)
    }

    /// `POST /api/scenarios/{slug}/copy` `{"slug": "new", "group": "G", "visibility": "group"}`: a
    /// scenario the caller may see, copied into their own group to adapt it.
    @Sendable func copy(request: Request, context: ParlonsRequestContext) async throws -> Response {
        struct Copy: Decodable { let slug: String; let group: String?; let visibility: String? }
        let person = try context.requireRole(.trainer, .admin)
        let source = try await visible(context)
        let input = try await request.decodeJSON(Copy.self, context: context)
        let copy = try await service.copy(source, as: input.slug, group: input.group, visibility: input.visibility, actor: person)
        return try await response(copy, request: request, context: context, status: .created)
    }

    // MARK: helpers

    /// The scenario at `{slug}`, if the caller (a trainer or an admin) may see it and change it.
    func editable(_ context: ParlonsRequestContext) async throws -> (ScenarioService.Loaded, Person) {
        let person = try context.requireRole(.trainer, .admin)
        return (try await service.editableScenario(slug: context.parameters.get("slug") ?? "", actor: person), person)
    }

    static func markdownBody(_ request: Request) async throws -> String {
        let bytes = Array((try await request.collectBody(upTo: maxBodyBytes, what: "scenario files")).readableBytesView)
        guard !bytes.isEmpty else { throw APIError(.badRequest, code: "empty_body", message: "the request has no scenario file in its body") }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw APIError(.badRequest, code: "invalid_encoding", message: "scenario files must be UTF-8 text")
        }
        return text
    }
}

import Foundation
import Hummingbird
import Services
import Storage

/// `/api/mentoring-pairs`: a mentor and a newcomer linked for a period (parrainage; ``MentoringService``).
struct MentoringController: Sendable {
    let service: MentoringService

    init(stores: Stores) {
        service = MentoringService(stores: stores)
    }

    func addRoutes(to router: Router<ParlonsRequestContext>) {
        router.get("/api/mentoring-pairs", use: list)
        router.post("/api/mentoring-pairs", use: create)
        router.get("/api/mentoring-pairs/{id}", use: show)
        router.patch("/api/mentoring-pairs/{id}", use: update)
        router.delete("/api/mentoring-pairs/{id}", use: delete)
    }

    struct NewPair: Decodable { let mentorId: String; let newcomerId: String; let startsAt: String?; let endsAt: String? }
    struct PairPatch: Decodable { let endsAt: String? }

    @Sendable func list(request: Request, context: ParlonsRequestContext) async throws -> [MentoringPairResponse] {
        _ = try context.requirePerson()
        return try await service.pairs(visibleTo: context.viewer).map(MentoringPairResponse.init)
    }

    @Sendable func create(request: Request, context: ParlonsRequestContext) async throws -> Response {
        let actor = try context.requireRole(.trainer, .admin)
        let body = try await request.decodeJSON(NewPair.self, context: context)
        let pair = try await service.create(mentorId: body.mentorId, newcomerId: body.newcomerId, startsAt: body.startsAt, endsAt: body.endsAt,
                                            actor: actor)
        return try created201(MentoringPairResponse(pair), location: "/api/mentoring-pairs/\(pair.id)", request: request, context: context)
    }

    @Sendable func show(request: Request, context: ParlonsRequestContext) async throws -> MentoringPairResponse {
        _ = try context.requirePerson()
        return MentoringPairResponse(try await service.pair(id: context.parameters.get("id") ?? "", visibleTo: context.viewer))
    }

    @Sendable func update(request: Request, context: ParlonsRequestContext) async throws -> MentoringPairResponse {
        let pair = try await managedPair(context)
        let body = try await request.decodeJSON(PairPatch.self, context: context)
        return MentoringPairResponse(try await service.setEnd(body.endsAt, of: pair))
    }

    @Sendable func delete(request: Request, context: ParlonsRequestContext) async throws -> Response {
        try await service.delete(try await managedPair(context))
        return Response(status: .noContent)
    }

    func managedPair(_ context: ParlonsRequestContext) async throws -> MentoringPair {
        try await service.managedPair(id: context.parameters.get("id") ?? "", actor: try context.requirePerson())
    }
}

struct MentoringPairResponse: ResponseEncodable {
    let id: String
    let mentorId: String
    let newcomerId: String
    let startsAt: String
    let endsAt: String?
    let active: Bool

    init(_ pair: MentoringPair) {
        id = pair.id
        mentorId = pair.mentorId
        newcomerId = pair.newcomerId
        startsAt = ISO8601.string(pair.startsAt)
        endsAt = pair.endsAt.map(ISO8601.string)
        active = pair.isActive(at: Date())
    }
}

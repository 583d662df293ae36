import Foundation
import Hummingbird
import Services
import Storage

/// `/api/mentoring-pairs`: a mentor and a newcomer linked for a period (parrainage).
struct MentoringController: Sendable {
    let stores: Stores

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
        return try await stores.people.mentoringPairs(visibleTo: context.viewer).map(MentoringPairResponse.init)
    }

    @Sendable func create(request: Request, context: ParlonsRequestContext) async throws -> Response {
        let actor = try context.requireRole(.trainer, .admin)
        let body = try await request.decodeJSON(NewPair.self, context: context)
        for (field, id) in [("mentorId", body.mentorId), ("newcomerId", body.newcomerId)] {
            guard ResourceID.isValid(id), try await stores.people.person(id: id) != nil else { throw APIError.invalidField(field, "no person \(id.prefix(40))") }
        }
        guard body.mentorId != body.newcomerId else { throw APIError.invalidField("mentorId", "a person cannot mentor themselves") }
        try await Authority(stores: stores).requireManagePair(newcomerId: body.newcomerId, actor: actor)
        let starts = try body.startsAt.map { try Self.date($0, field: "startsAt") } ?? Date()
        let ends = try body.endsAt.map { try Self.date($0, field: "endsAt") }
        if let ends, ends <= starts { throw APIError.invalidField("endsAt", "must come after startsAt") }
        let pair = try await stores.people.insert(MentoringPair(mentorId: body.mentorId, newcomerId: body.newcomerId, startsAt: starts, endsAt: ends))
        return try created201(MentoringPairResponse(pair), location: "/api/mentoring-pairs/\(pair.id)", request: request, context: context)
    }

    @Sendable func show(request: Request, context: ParlonsRequestContext) async throws -> MentoringPairResponse {
        MentoringPairResponse(try await visiblePair(context))
    }

    @Sendable func update(request: Request, context: ParlonsRequestContext) async throws -> MentoringPairResponse {
        var pair = try await managedPair(context)
        let body = try await request.decodeJSON(PairPatch.self, context: context)
        pair.endsAt = try body.endsAt.map { try Self.date($0, field: "endsAt") }
        if let ends = pair.endsAt, ends <= pair.startsAt { throw APIError.invalidField("endsAt", "must come after startsAt") }
        try await stores.people.save(pair)
        return MentoringPairResponse(pair)
    }

    @Sendable func delete(request: Request, context: ParlonsRequestContext) async throws -> Response {
        let pair = try await managedPair(context)
        _ = try await stores.people.deleteMentoringPair(id: pair.id)
        return Response(status: .noContent)
    }

    func visiblePair(_ context: ParlonsRequestContext) async throws -> MentoringPair {
        _ = try context.requirePerson()
        let id = context.parameters.get("id") ?? ""
        guard let pair = try await stores.people.mentoringPairs(visibleTo: context.viewer).first(where: { $0.id == id }) else {
            throw APIError.notFound("mentoring pair \(id.prefix(40))")
        }
        return pair
    }

    func managedPair(_ context: ParlonsRequestContext) async throws -> MentoringPair {
        let pair = try await visiblePair(context)
        try await Authority(stores: stores).requireManagePair(newcomerId: pair.newcomerId, actor: try context.requirePerson())
        return pair
    }

    static func date(_ text: String, field: String) throws -> Date {
        guard let date = ISO8601.date(text) else { throw APIError.invalidField(field, "an ISO 8601 date-time such as 2026-12-01T09:00:00Z") }
        return date
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

import Foundation
import Hummingbird
import Services
import Storage

/// `/api/tokens`: long-lived bearer tokens for scripts, shown once, stored hashed, revocable
/// (``TokenService``).
struct TokensController: Sendable {
    let service: TokenService

    init(stores: Stores) {
        service = TokenService(stores: stores)
    }

    func addRoutes(to router: Router<ParlonsRequestContext>) {
        router.get("/api/tokens", use: list)
        router.post("/api/tokens", use: create)
        router.delete("/api/tokens/{id}", use: revoke)
    }

    struct NewToken: Decodable { let name: String }

    @Sendable func list(request: Request, context: ParlonsRequestContext) async throws -> [TokenResponse] {
        let person = try context.requireRole(.trainer, .admin)
        return try await service.tokens(visibleTo: person).map(TokenResponse.init)
    }

    @Sendable func create(request: Request, context: ParlonsRequestContext) async throws -> Response {
        let person = try context.requireRole(.trainer, .admin)
        let body = try await request.decodeJSON(NewToken.self, context: context)
        let (token, secret) = try await service.issue(for: person, name: body.name)
        return try created201(NewTokenResponse(token: TokenResponse(token), secret: secret),
                              location: "/api/tokens/\(token.id)", request: request, context: context)
    }

    @Sendable func revoke(request: Request, context: ParlonsRequestContext) async throws -> Response {
        let person = try context.requireRole(.trainer, .admin)
        try await service.revoke(id: context.parameters.get("id") ?? "", actor: person)
        return Response(status: .noContent)
    }
}

struct TokenResponse: ResponseEncodable {
    let id: String
    let personId: String
    let name: String
    let createdAt: String
    let lastUsedAt: String?
    let revoked: Bool

    init(_ token: APIToken) {
        id = token.id
        personId = token.personId
        name = token.name
        createdAt = ISO8601.string(token.createdAt)
        lastUsedAt = token.lastUsedAt.map(ISO8601.string)
        revoked = token.revokedAt != nil
    }
}

struct NewTokenResponse: ResponseEncodable {
    let token: TokenResponse
    /// Send as `Authorization: Bearer …`; it is not shown again.
    let secret: String
}

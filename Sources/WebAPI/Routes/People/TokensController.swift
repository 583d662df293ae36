import Foundation
import Hummingbird
import Storage

/// `/api/tokens`: long-lived bearer tokens for scripts, shown once, stored hashed, revocable.
struct TokensController: Sendable {
    let stores: Stores

    func addRoutes(to router: Router<ParlonsRequestContext>) {
        router.get("/api/tokens", use: list)
        router.post("/api/tokens", use: create)
        router.delete("/api/tokens/{id}", use: revoke)
    }

    struct NewToken: Decodable { let name: String }

    @Sendable func list(request: Request, context: ParlonsRequestContext) async throws -> [TokenResponse] {
        let person = try context.requireRole(.trainer, .admin)
        return try await stores.credentials.tokens(personId: person.role == .admin ? nil : person.id).map(TokenResponse.init)
    }

    @Sendable func create(request: Request, context: ParlonsRequestContext) async throws -> Response {
        let person = try context.requireRole(.trainer, .admin)
        let body = try await request.decodeJSON(NewToken.self, context: context)
        let (token, secret) = try await TokenIssuer.issue(for: person, name: try GroupsController.name(body.name), stores: stores)
        return try created201(NewTokenResponse(token: TokenResponse(token), secret: secret),
                              location: "/api/tokens/\(token.id)", request: request, context: context)
    }

    @Sendable func revoke(request: Request, context: ParlonsRequestContext) async throws -> Response {
        let person = try context.requireRole(.trainer, .admin)
        let id = context.parameters.get("id") ?? ""
        guard ResourceID.isValid(id), let token = try await stores.credentials.token(id: id), person.role == .admin || token.personId == person.id else {
            throw APIError.notFound("token \(id.prefix(40))")
        }
        try await stores.credentials.revokeToken(id: id)
        return Response(status: .noContent)
    }

}

/// Makes API tokens (for the route and for `parlons token create`).
public enum TokenIssuer {
    /// Stores a new token for `person`; returns the record and the secret, which is shown once.
    public static func issue(for person: Person, name: String, stores: Stores) async throws -> (token: APIToken, secret: String) {
        let secret = Secret.generate(prefix: "plt_")
        let token = APIToken(personId: person.id, name: name, tokenHash: Secret.hash(secret))
        try await stores.credentials.insert(token)
        return (token, secret)
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

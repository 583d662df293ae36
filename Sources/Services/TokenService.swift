import Foundation
import Storage

/// Long-lived bearer tokens for scripts: shown once, stored as their hash, revocable. Admins see
/// and revoke every token; others their own.
public struct TokenService: Sendable {
    let stores: Stores

    public init(stores: Stores) {
        self.stores = stores
    }

    /// Every token for an admin; one's own otherwise.
    public func tokens(visibleTo person: Person) async throws -> [APIToken] {
        try await stores.credentials.tokens(personId: person.role == .admin ? nil : person.id)
    }

    /// Stores a new token for `person`; returns the record and the secret, which is shown once.
    public func issue(for person: Person, name: String) async throws -> (token: APIToken, secret: String) {
        let secret = Secret.generate(prefix: "plt_")
        let token = APIToken(personId: person.id, name: try FieldValidation.name(name), tokenHash: Secret.hash(secret))
        try await stores.credentials.insert(token)
        return (token, secret)
    }

    /// Revokes one's own token (any, for an admin); `notFound` for others', so none is revealed.
    public func revoke(id: String, actor: Person) async throws {
        guard ResourceID.isValid(id), let token = try await stores.credentials.token(id: id), actor.role == .admin || token.personId == actor.id else {
            throw ServiceError.notFound("token \(id.prefix(40))")
        }
        try await stores.credentials.revokeToken(id: id)
    }
}

import Foundation
import Storage

/// Who a request comes from, once signed in: the person behind a bearer token, the kiosk behind a
/// device cookie, and whether a browser session still holds (a kiosk learner's lives only on that
/// kiosk, while it is enrolled). Tokens are looked up by their hash; none is ever stored.
public struct SessionService: Sendable {
    let stores: Stores

    public init(stores: Stores) {
        self.stores = stores
    }

    /// The enrolled (unrevoked) kiosk a device token names, if any.
    public func kiosk(deviceToken: some StringProtocol) async throws -> Kiosk? {
        try await stores.credentials.kiosk(tokenHash: Secret.hash(String(deviceToken)))
    }

    /// The person a live bearer token belongs to (marking the token used), if any.
    public func person(bearerToken: String) async throws -> Person? {
        try await stores.credentials.personForToken(hash: Secret.hash(bearerToken))
    }

    /// The session's person while the session holds: they still exist, and a kiosk session is on
    /// its own kiosk (`kiosk`, the device the request comes from); nil otherwise.
    public func sessionPerson(personId: String, kioskId: String?, on kiosk: Kiosk?) async throws -> Person? {
        guard let person = try await stores.people.person(id: personId) else { return nil }
        if let kioskId {
            guard let kiosk, kiosk.id == kioskId else { return nil }
        }
        return person
    }
}

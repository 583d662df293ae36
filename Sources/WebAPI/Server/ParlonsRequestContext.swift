import Foundation
import Hummingbird
import HummingbirdAuth
import Storage

/// The request context every Parlons route receives.
public struct ParlonsRequestContext: RequestContext, SessionRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let sessions: SessionContext<SessionState>
    /// The signed-in person, set by `AuthenticationMiddleware`.
    public var identity: Identity?
    /// The enrolled kiosk this request comes from, if any.
    public var kiosk: Kiosk?
    /// The peer's IP address, for rate limiting and the sign-in log.
    public let clientAddress: String

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        sessions = .init()
        clientAddress = source.channel.remoteAddress?.ipAddress ?? "unknown"
    }

    /// JSON bodies (PATCH and the like) are small; audio is streamed and limited separately.
    public var maxUploadSize: Int { 64 * 1_024 }

    /// Stable key order and plain slashes in URLs (`/media/…`, not `\/media\/…`).
    public var responseEncoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    /// Access to recordings, as the storage layer sees it.
    public var viewer: Viewer { Viewer(personId: identity?.person.id, role: identity?.person.role) }

    /// The signed-in person, or `401`.
    public func requirePerson() throws -> Person {
        guard let person = identity?.person else {
            throw APIError(.unauthorized, code: "not_signed_in", message: "sign in first")
        }
        return person
    }

    /// The signed-in person if their role is one of `roles`; `401` or `403` otherwise.
    public func requireRole(_ roles: Role...) throws -> Person {
        let person = try requirePerson()
        guard roles.contains(person.role) else {
            throw APIError(.forbidden, code: "forbidden", message: "a \(person.role.rawValue) may not do this")
        }
        return person
    }
}

import Foundation
import Hummingbird
import Storage

/// Works out who a request comes from (bearer token, session cookie, kiosk cookie) and guards
/// cookie-authenticated changes against cross-site requests.
struct AuthenticationMiddleware: RouterMiddleware {
    typealias Context = ParlonsRequestContext

    static let kioskCookie = "parlons_kiosk"
    static let safeMethods: Set<HTTPRequest.Method> = [.get, .head, .options]

    let stores: Stores

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        let unsafe = !Self.safeMethods.contains(request.method)
        // A browser never sends another site's Origin legitimately to this API.
        if unsafe, let origin = request.headers[.origin], !Self.sameOrigin(origin, host: request.head.authority) {
            throw Self.csrfRejected("the request comes from another site (\(origin.prefix(80)))")
        }
        if let kioskToken = request.cookies[Self.kioskCookie]?.value {
            context.kiosk = try await stores.credentials.kiosk(tokenHash: Secret.hash(String(kioskToken)))
        }
        if let authorization = request.headers[.authorization] {
            guard authorization.lowercased().hasPrefix("bearer "),
                  let person = try await stores.credentials.personForToken(hash: Secret.hash(String(authorization.dropFirst(7)).trimmingCharacters(in: .whitespaces)))
            else {
                throw APIError(.unauthorized, code: "invalid_token", message: "the bearer token is unknown or revoked",
                               headers: [.wwwAuthenticate: "Bearer"])
            }
            context.identity = Identity(person: person, method: .token)
        } else if let session = context.sessions.session {
            if let person = try await signedIn(session, context: context) {
                context.identity = Identity(person: person, method: .session)
                if unsafe && request.headers[.origin] == nil && request.headers[.init("X-CSRF-Token")!] != session.csrfToken {
                    throw Self.csrfRejected("send the Origin header or X-CSRF-Token with changes")
                }
            } else {
                context.sessions.clearSession()
            }
        }
        return try await next(request, context)
    }

    /// The session's person, if the session is still good; refreshes a kiosk session's idle timer.
    private func signedIn(_ session: SessionState, context: Context) async throws -> Person? {
        guard let person = try await stores.people.person(id: session.personId) else { return nil }
        if let kioskId = session.kioskId {
            // A kiosk learner session lives only on that kiosk, and only while it is enrolled.
            guard let kiosk = context.kiosk, kiosk.id == kioskId else { return nil }
            _ = context.sessions.updateSession(session, expiresIn: .seconds(kiosk.idleSeconds))
        }
        return person
    }

    static func sameOrigin(_ origin: String, host: String?) -> Bool {
        guard let host, let url = URL(string: origin), let originHost = url.host else { return false }
        let originAuthority = url.port.map { "\(originHost):\($0)" } ?? originHost
        return originAuthority.lowercased() == host.lowercased()
    }

    static func csrfRejected(_ why: String) -> APIError {
        APIError(.forbidden, code: "csrf_rejected", message: why)
    }
}

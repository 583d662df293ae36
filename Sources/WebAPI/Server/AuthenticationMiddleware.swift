import Foundation
import Hummingbird
import Services
import Storage

/// Works out who a request comes from (bearer token, session cookie, kiosk cookie: looked up by
/// ``SessionService``) and guards cookie-authenticated changes against cross-site requests.
struct AuthenticationMiddleware: RouterMiddleware {
    typealias Context = ParlonsRequestContext

    static let kioskCookie = "parlons_kiosk"
    static let safeMethods: Set<HTTPRequest.Method> = [.get, .head, .options]

    let sessions: SessionService
    /// The scheme browsers reach this server by: `https` when it is served over TLS (behind a
    /// proxy, `--secure-cookies`), else `http`.
    let scheme: String

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        let unsafe = !Self.safeMethods.contains(request.method)
        // A browser never sends another site's Origin legitimately to this API.
        if unsafe, let origin = request.headers[.origin], !Self.sameOrigin(origin, scheme: scheme, host: request.head.authority) {
            throw Self.csrfRejected("the request comes from another site (\(origin.prefix(80)))")
        }
        // Most requests carry no kiosk cookie: look for its name before parsing every cookie.
        if request.headers[values: .cookie].contains(where: { $0.contains(Self.kioskCookie) }), let kioskToken = request.cookies[Self.kioskCookie]?.value {
            context.kiosk = try await sessions.kiosk(deviceToken: kioskToken)
        }
        if let authorization = request.headers[.authorization] {
            guard authorization.lowercased().hasPrefix("bearer "),
                  let person = try await sessions.person(bearerToken: String(authorization.dropFirst(7)).trimmingCharacters(in: .whitespaces))
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
        guard let person = try await sessions.sessionPerson(personId: session.personId, kioskId: session.kioskId, on: context.kiosk) else {
            return nil
        }
        if session.kioskId != nil, let kiosk = context.kiosk {
            _ = context.sessions.updateSession(session, expiresIn: .seconds(kiosk.idleSeconds))
        }
        return person
    }

    /// Whether `origin` (the `Origin` header) is this server's own origin: the same scheme, host and
    /// port as the request's `Host`, reached by `scheme` (a missing port is the scheme's default).
    /// `https://host` is another origin than `http://host`: a page served over plain HTTP on the same
    /// name, or a TLS origin for a plain server, is not this one.
    static func sameOrigin(_ origin: String, scheme: String, host: String?) -> Bool {
        guard let host, let url = URL(string: origin), let originScheme = url.scheme?.lowercased(), let originHost = url.host,
              url.path.isEmpty, url.query == nil, url.user == nil,
              let own = URL(string: "\(scheme)://\(host)"), let ownHost = own.host
        else { return false }
        return originScheme == scheme && originHost.lowercased() == ownHost.lowercased()
            && (url.port ?? defaultPort(originScheme)) == (own.port ?? defaultPort(scheme))
    }

    static func defaultPort(_ scheme: String) -> Int? {
        switch scheme {
        case "http": 80
        case "https": 443
        default: nil
        }
    }

    static func csrfRejected(_ why: String) -> APIError {
        APIError(.forbidden, code: "csrf_rejected", message: why)
    }
}

import Foundation
import Hummingbird
import Services
import Storage

/// Enrolling shared screens (``KioskService``). A trainer enrols the browser they are using: it
/// receives a device cookie, then shows only its groups' learners on the picture sign-in screen.
struct KioskController: Sendable {
    let service: KioskService
    let sync: SyncService

    init(stores: Stores) {
        service = KioskService(stores: stores)
        sync = SyncService(stores: stores)
    }

    func addRoutes(to router: Router<ParlonsRequestContext>) {
        router.post("/api/kiosks", use: enrol)
        router.get("/api/kiosks", use: list)
        router.delete("/api/kiosks/{id}", use: revoke)
        router.get("/api/kiosk", use: current)
        router.get("/api/kiosk/exchange", use: exchange)
    }

    struct Enrolment: Decodable {
        let name: String
        let groupIds: [String]
        let idleSeconds: Int?
    }

    @Sendable func enrol(request: Request, context: ParlonsRequestContext) async throws -> Response {
        let trainer = try context.requireRole(.trainer, .admin)
        let body = try await request.decodeJSON(Enrolment.self, context: context)
        let (kiosk, token) = try await service.enrol(name: body.name, groupIds: body.groupIds, idleSeconds: body.idleSeconds, actor: trainer)
        let cookie = Cookie(name: AuthenticationMiddleware.kioskCookie, value: token, maxAge: 10 * 365 * 86_400, path: "/",
                            secure: request.uri.scheme == .https, httpOnly: true, sameSite: .lax)
        let response = try EnrolledKioskResponse(kiosk: KioskResponse(kiosk, groupIds: body.groupIds), token: token)
            .response(from: request, context: context)
        var headers = response.headers
        headers[.setCookie] = cookie.description
        return Response(status: .created, headers: headers, body: response.body)
    }

    /// Admins see every kiosk; a trainer those they enrolled or that serve one of their groups.
    @Sendable func list(request: Request, context: ParlonsRequestContext) async throws -> [KioskResponse] {
        let person = try context.requireRole(.trainer, .admin)
        return try await service.kiosks(visibleTo: person).map { KioskResponse($0.kiosk, groupIds: $0.groupIds) }
    }

    @Sendable func revoke(request: Request, context: ParlonsRequestContext) async throws -> Response {
        let person = try context.requireRole(.trainer, .admin)
        try await service.revoke(id: context.parameters.get("id") ?? "", actor: person)
        return Response(status: .noContent)
    }

    /// The kiosk this browser is enrolled as.
    @Sendable func current(request: Request, context: ParlonsRequestContext) async throws -> KioskResponse {
        guard let kiosk = context.kiosk else { throw APIError.notFound("kiosk enrolment for this device") }
        return KioskResponse(kiosk, groupIds: try await service.groupIds(of: kiosk))
    }

    /// When this kiosk's paired groups last exchanged with the other server, and whether anything
    /// waits to go: the picture a camp's kiosk shows on its sign-in screen (none when no group of
    /// the kiosk is paired).
    @Sendable func exchange(request: Request, context: ParlonsRequestContext) async throws -> KioskExchangeResponse {
        guard let kiosk = context.kiosk else { throw APIError.notFound("kiosk enrolment for this device") }
        let statuses = try await sync.statuses(groupIds: try await service.groupIds(of: kiosk))
        return KioskExchangeResponse(groups: statuses.map(KioskExchangeResponse.Group.init))
    }
}

struct KioskResponse: ResponseEncodable {
    let id: String
    let name: String
    let idleSeconds: Int
    let groupIds: [String]?
    let createdAt: String
    let revoked: Bool

    init(_ kiosk: Kiosk, groupIds: [String]?) {
        id = kiosk.id
        name = kiosk.name
        idleSeconds = kiosk.idleSeconds
        self.groupIds = groupIds
        createdAt = ISO8601.string(kiosk.createdAt)
        revoked = kiosk.revokedAt != nil
    }
}

struct EnrolledKioskResponse: ResponseEncodable {
    let kiosk: KioskResponse
    /// Shown once; the browser also keeps it as an HttpOnly cookie.
    let token: String
}

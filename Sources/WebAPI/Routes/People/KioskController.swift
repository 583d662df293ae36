import Foundation
import Hummingbird
import Services
import Storage

/// Enrolling shared screens. A trainer enrols the browser they are using: it receives a device
/// cookie, then shows only its groups' learners on the picture sign-in screen.
struct KioskController: Sendable {
    let stores: Stores

    static let defaultIdleSeconds = 300
    static let idleRange = 5...86_400

    func addRoutes(to router: Router<ParlonsRequestContext>) {
        router.post("/api/kiosks", use: enrol)
        router.get("/api/kiosks", use: list)
        router.delete("/api/kiosks/{id}", use: revoke)
        router.get("/api/kiosk", use: current)
    }

    struct Enrolment: Decodable {
        let name: String
        let groupIds: [String]
        let idleSeconds: Int?
    }

    @Sendable func enrol(request: Request, context: ParlonsRequestContext) async throws -> Response {
        let trainer = try context.requireRole(.trainer, .admin)
        let body = try await request.decodeJSON(Enrolment.self, context: context)
        let name = try FieldValidation.title(body.name, field: "name")
        guard !name.isEmpty else { throw APIError.invalidField("name", "must not be empty") }
        let idle = body.idleSeconds ?? Self.defaultIdleSeconds
        guard Self.idleRange.contains(idle) else {
            throw APIError.invalidField("idleSeconds", "must be from \(Self.idleRange.lowerBound) to \(Self.idleRange.upperBound)")
        }
        guard !body.groupIds.isEmpty else { throw APIError.invalidField("groupIds", "name at least one group") }
        for id in body.groupIds {
            guard ResourceID.isValid(id), try await stores.people.group(id: id) != nil else { throw APIError.invalidField("groupIds", "no group \(id.prefix(40))") }
        }
        try await Authority(stores: stores).requireEnrolKiosk(groupIds: body.groupIds, actor: trainer)
        let token = Secret.generate(prefix: "plk_")
        let kiosk = Kiosk(name: name, tokenHash: Secret.hash(token), enrolledBy: trainer.id, idleSeconds: idle)
        try await stores.credentials.insert(kiosk, groupIds: Array(Set(body.groupIds)))
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
        let mine = person.role == .admin ? [] : Set(try await stores.people.groupIds(of: person.id))
        var result: [KioskResponse] = []
        for kiosk in try await stores.credentials.kiosks() {
            let groupIds = try await stores.credentials.kioskGroupIds(kiosk.id)
            guard person.role == .admin || kiosk.enrolledBy == person.id || !mine.isDisjoint(with: groupIds) else { continue }
            result.append(KioskResponse(kiosk, groupIds: groupIds))
        }
        return result
    }

    @Sendable func revoke(request: Request, context: ParlonsRequestContext) async throws -> Response {
        let person = try context.requireRole(.trainer, .admin)
        let id = context.parameters.get("id") ?? ""
        guard ResourceID.isValid(id), let kiosk = try await stores.credentials.kiosk(id: id) else { throw APIError.notFound("kiosk \(id.prefix(40))") }
        try await Authority(stores: stores).requireRevokeKiosk(kiosk, actor: person)
        try await stores.credentials.revokeKiosk(id: id)
        return Response(status: .noContent)
    }

    /// The kiosk this browser is enrolled as.
    @Sendable func current(request: Request, context: ParlonsRequestContext) async throws -> KioskResponse {
        guard let kiosk = context.kiosk else { throw APIError.notFound("kiosk enrolment for this device") }
        return KioskResponse(kiosk, groupIds: try await stores.credentials.kioskGroupIds(kiosk.id))
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

import Foundation
import Hummingbird
import Services
import Storage

/// Signing in and out (``SignInService``): password (trainers, admins), picture code (learners,
/// on any browser or an enrolled kiosk), one-time links (the first admin), and what the picture
/// screens list. The session itself (its cookie and CSRF token) is made here.
struct AuthController: Sendable {
    let service: SignInService

    func addRoutes(to router: Router<ParlonsRequestContext>) {
        router.post("/api/auth/password", use: passwordSignIn)
        router.post("/api/auth/picture", use: pictureSignIn)
        router.post("/api/auth/signout", use: signOut)
        router.get("/api/auth/me", use: me)
        router.get("/api/auth/link", use: link)
        router.get("/api/signin/pictures") { _, _ in PictureCatalogueResponse(pictures: PictureCode.pictures) }
        router.get("/api/signin/groups", use: signInGroups)
        router.get("/api/signin/groups/{id}/learners", use: signInLearners)
    }

    struct PasswordSignIn: Decodable { let name: String; let password: String }
    struct PictureSignIn: Decodable { let personId: String; let code: [Int] }

    @Sendable func passwordSignIn(request: Request, context: ParlonsRequestContext) async throws -> SignedInResponse {
        let body = try await request.decodeJSON(PasswordSignIn.self, context: context)
        let person = try await service.password(name: body.name, password: body.password, from: origin(context))
        return startSession(person, kiosk: nil, context: context)
    }

    @Sendable func pictureSignIn(request: Request, context: ParlonsRequestContext) async throws -> SignedInResponse {
        let body = try await request.decodeJSON(PictureSignIn.self, context: context)
        let person = try await service.pictureCode(personId: body.personId, code: body.code, from: origin(context))
        return startSession(person, kiosk: context.kiosk, context: context)
    }

    @Sendable func signOut(request: Request, context: ParlonsRequestContext) async throws -> Response {
        context.sessions.clearSession()
        return Response(status: .noContent)
    }

    @Sendable func me(request: Request, context: ParlonsRequestContext) async throws -> SignedInResponse {
        let person = try context.requirePerson()
        return SignedInResponse(person: PersonResponse(person), csrfToken: context.sessions.session?.csrfToken,
                                kiosk: context.kiosk.map { KioskResponse($0, groupIds: nil) })
    }

    /// `GET /api/auth/link?token=…`: a one-time link signs its person in once, then opens the
    /// trainer screens (the link is how the first admin starts).
    @Sendable func link(request: Request, context: ParlonsRequestContext) async throws -> Response {
        let token = request.uri.queryParameters["token"].map(String.init) ?? ""
        let person = try await service.link(token: token, from: origin(context))
        _ = startSession(person, kiosk: nil, context: context)
        return Response(status: .seeOther, headers: [.location: "/trainer"])
    }

    @Sendable func signInGroups(request: Request, context: ParlonsRequestContext) async throws -> [GroupSummaryResponse] {
        try await service.signInGroups(on: context.kiosk).map(GroupSummaryResponse.init)
    }

    @Sendable func signInLearners(request: Request, context: ParlonsRequestContext) async throws -> [SignInLearnerResponse] {
        try await service.signInLearners(groupId: context.parameters.get("id") ?? "", from: origin(context))
            .map { SignInLearnerResponse($0.person, locked: $0.locked) }
    }

    private func origin(_ context: ParlonsRequestContext) -> SignInService.Origin {
        SignInService.Origin(clientAddress: context.clientAddress, kiosk: context.kiosk)
    }

    private func startSession(_ person: Person, kiosk: Kiosk?, context: ParlonsRequestContext) -> SignedInResponse {
        let state = SessionState(personId: person.id, kioskId: kiosk?.id, csrfToken: Secret.generate())
        context.sessions.createSession(state, expiresIn: service.sessionLifetime(on: kiosk))
        return SignedInResponse(person: PersonResponse(person), csrfToken: state.csrfToken, kiosk: kiosk.map { KioskResponse($0, groupIds: nil) })
    }
}

struct SignedInResponse: ResponseEncodable {
    let person: PersonResponse
    /// Send as `X-CSRF-Token` with changes when the browser does not send `Origin`.
    let csrfToken: String?
    let kiosk: KioskResponse?
}

struct PictureCatalogueResponse: ResponseEncodable {
    let pictures: [String]
}

struct GroupSummaryResponse: ResponseEncodable {
    let id: String
    let name: String
    let picture: String?
    let pictureUrl: String?

    init(_ group: LearningGroup) {
        id = group.id
        name = group.name
        picture = group.picture
        pictureUrl = group.picturePhoto.map { _ in "/api/groups/\(group.id)/picture" }
    }
}

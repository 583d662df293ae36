import Foundation
import Hummingbird
import Services
import Storage

/// Signing in and out: password (trainers, admins), picture code (learners, on any browser or an
/// enrolled kiosk), one-time links (the first admin), and what the picture screens list.
struct AuthController: Sendable {
    let stores: Stores
    let limits: SignInLimits
    let passwords: PasswordHashing

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
        let person = try await stores.people.person(name: body.name)
        let ticket = try await limits.take(limits.request(.password, address: context.clientAddress, personId: person?.id,
                                                          name: person == nil ? String(body.name.prefix(64)) : nil),
                                           stores: stores)
        var valid = false
        if let hash = person?.passwordHash {
            valid = try await passwords.verify(body.password, hash: hash)
        } else {
            try await passwords.verifyDecoy(body.password)
        }
        try await stores.credentials.settleSignInSlot(ticket, succeeded: valid)
        guard valid, let person else {
            throw APIError(.unauthorized, code: "wrong_credentials", message: "name or password is wrong")
        }
        return startSession(person, kiosk: nil, context: context)
    }

    @Sendable func pictureSignIn(request: Request, context: ParlonsRequestContext) async throws -> SignedInResponse {
        let body = try await request.decodeJSON(PictureSignIn.self, context: context)
        let code = try PictureCode.normalized(body.code)
        guard ResourceID.isValid(body.personId), let person = try await stores.people.person(id: body.personId),
              person.role == .learner, let hash = person.pictureCodeHash else {
            throw APIError.notFound("learner \(body.personId.prefix(40))")
        }
        let place = try await codePlace(for: person, context: context)
        let ticket = try await limits.take(limits.request(.picture, address: context.clientAddress, personId: person.id,
                                                          codeSource: place.source, fromOwnKiosk: place.ownKiosk),
                                           stores: stores)
        let valid = try await passwords.verify(code, hash: hash)
        try await stores.credentials.settleSignInSlot(ticket, succeeded: valid)
        guard valid else {
            if let until = try await stores.credentials.codeLocks(personIds: [person.id], source: place.source, fromOwnKiosk: place.ownKiosk)[person.id] {
                throw SignInLimits.tooMany("too many wrong codes: picture sign-in is locked here; ask a trainer to unlock it", until: until)
            }
            throw APIError(.unauthorized, code: "wrong_code", message: "wrong picture code (\(ticket.codesLeftIfWrong ?? 0) tries left)")
        }
        return startSession(person, kiosk: context.kiosk, context: context)
    }

    /// Where a picture code comes from, for counting wrong ones: an enrolled kiosk (which must
    /// serve one of the learner's groups: then it is their own kiosk), or the client's address.
    private func codePlace(for person: Person, context: ParlonsRequestContext) async throws -> (source: String, ownKiosk: Bool) {
        guard let kiosk = context.kiosk else { return ("address:\(context.clientAddress)", false) }
        let kioskGroups = Set(try await stores.credentials.kioskGroupIds(kiosk.id))
        guard !kioskGroups.isDisjoint(with: try await stores.people.groupIds(of: person.id)) else {
            throw APIError(.forbidden, code: "not_on_this_kiosk", message: "this learner is not in a group of this kiosk")
        }
        return ("kiosk:\(kiosk.id)", true)
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
        let ticket = try await limits.take(limits.request(.link, address: context.clientAddress), stores: stores)
        let person = try await stores.credentials.consumeLink(tokenHash: Secret.hash(token))
        try await stores.credentials.settleSignInSlot(ticket, succeeded: person != nil)
        guard let person else {
            throw APIError(.unauthorized, code: "invalid_link", message: "this sign-in link is unknown, used or expired")
        }
        _ = startSession(person, kiosk: nil, context: context)
        return Response(status: .seeOther, headers: [.location: "/trainer"])
    }

    @Sendable func signInGroups(request: Request, context: ParlonsRequestContext) async throws -> [GroupSummaryResponse] {
        try await stores.credentials.signInGroups(kioskId: context.kiosk?.id).map(GroupSummaryResponse.init)
    }

    @Sendable func signInLearners(request: Request, context: ParlonsRequestContext) async throws -> [SignInLearnerResponse] {
        let id = context.parameters.get("id") ?? ""
        guard try await stores.credentials.signInGroups(kioskId: context.kiosk?.id).contains(where: { $0.id == id }) else {
            throw APIError.notFound("group \(id.prefix(40))")
        }
        let learners = try await stores.people.members(of: id).filter { $0.role == .learner && $0.pictureCodeHash != nil }
        // Locks as they hold for whoever asks: this kiosk (the learners' own) or this address.
        let source = context.kiosk.map { "kiosk:\($0.id)" } ?? "address:\(context.clientAddress)"
        let locks = try await stores.credentials.codeLocks(personIds: learners.map(\.id), source: source, fromOwnKiosk: context.kiosk != nil)
        return learners.map { SignInLearnerResponse($0, locked: locks[$0.id] != nil) }
    }

    private func startSession(_ person: Person, kiosk: Kiosk?, context: ParlonsRequestContext) -> SignedInResponse {
        let state = SessionState(personId: person.id, kioskId: kiosk?.id, csrfToken: Secret.generate())
        context.sessions.createSession(state, expiresIn: kiosk.map { .seconds($0.idleSeconds) } ?? limits.sessionLifetime)
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

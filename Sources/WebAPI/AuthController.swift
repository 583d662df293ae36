import Foundation
import Hummingbird
import Storage

/// Signing in and out: password (trainers, admins), picture code (learners, on any browser or an
/// enrolled kiosk), one-time links (the first admin), and what the picture screens list.
struct AuthController: Sendable {
    let directory: SQLiteMetadataStore
    let limits: SignInLimits

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
        try await limits.checkAddress(context.clientAddress, directory: directory, method: .password)
        let person = try await directory.person(name: body.name)
        var valid = false
        if let hash = person?.passwordHash {
            valid = try await PasswordHashing.verify(body.password, hash: hash)
        } else {
            // Spend the same time on unknown names, so timing does not tell which names exist.
            _ = try await PasswordHashing.verify(body.password, hash: SignInLimits.decoyHash)
        }
        try await directory.log(SignInAttempt(personId: person?.id, name: person == nil ? String(body.name.prefix(64)) : nil,
                                              clientAddress: context.clientAddress, method: .password, succeeded: valid))
        guard valid, let person else {
            throw APIError(.unauthorized, code: "wrong_credentials", message: "name or password is wrong")
        }
        return startSession(person, kiosk: nil, context: context)
    }

    @Sendable func pictureSignIn(request: Request, context: ParlonsRequestContext) async throws -> SignedInResponse {
        let body = try await request.decodeJSON(PictureSignIn.self, context: context)
        let code = try PictureCode.normalized(body.code)
        try await limits.checkAddress(context.clientAddress, directory: directory, method: .picture)
        guard ResourceID.isValid(body.personId), let person = try await directory.person(id: body.personId),
              person.role == .learner, let hash = person.pictureCodeHash else {
            throw APIError.notFound("learner \(body.personId.prefix(40))")
        }
        if let kiosk = context.kiosk {
            let kioskGroups = Set(try await directory.kioskGroupIds(kiosk.id))
            guard !kioskGroups.isDisjoint(with: try await directory.groupIds(of: person.id)) else {
                throw APIError(.forbidden, code: "not_on_this_kiosk", message: "this learner is not in a group of this kiosk")
            }
        }
        let now = Date()
        if let until = person.lockedUntil, until > now {
            try await directory.log(SignInAttempt(personId: person.id, clientAddress: context.clientAddress, method: .picture, succeeded: false))
            throw SignInLimits.tooMany("picture sign-in is locked for this learner: ask a trainer to unlock it", until: until)
        }
        let valid = try await PasswordHashing.verify(code, hash: hash)
        try await directory.log(SignInAttempt(personId: person.id, clientAddress: context.clientAddress, method: .picture, succeeded: valid))
        guard valid else {
            let updated = try await directory.recordWrongCode(personId: person.id, limit: limits.codeAttemptsBeforeLockout,
                                                              lockUntil: now.addingTimeInterval(limits.lockoutSeconds))
            if let until = updated?.lockedUntil, until > now {
                throw SignInLimits.tooMany("too many wrong codes: picture sign-in is locked; ask a trainer to unlock it", until: until)
            }
            let left = limits.codeAttemptsBeforeLockout - (updated?.failedCodeAttempts ?? 0)
            throw APIError(.unauthorized, code: "wrong_code", message: "wrong picture code (\(left) tries left)")
        }
        try await directory.clearCodeFailures(personId: person.id)
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

    /// `GET /api/auth/link?token=…`: a one-time link signs its person in once, then goes home.
    @Sendable func link(request: Request, context: ParlonsRequestContext) async throws -> Response {
        let token = request.uri.queryParameters["token"].map(String.init) ?? ""
        try await limits.checkAddress(context.clientAddress, directory: directory, method: .link)
        let person = try await directory.consumeLink(tokenHash: Secret.hash(token))
        try await directory.log(SignInAttempt(personId: person?.id, clientAddress: context.clientAddress, method: .link, succeeded: person != nil))
        guard let person else {
            throw APIError(.unauthorized, code: "invalid_link", message: "this sign-in link is unknown, used or expired")
        }
        _ = startSession(person, kiosk: nil, context: context)
        return Response(status: .seeOther, headers: [.location: "/api/auth/me"])
    }

    @Sendable func signInGroups(request: Request, context: ParlonsRequestContext) async throws -> [GroupSummaryResponse] {
        try await directory.signInGroups(kioskId: context.kiosk?.id).map(GroupSummaryResponse.init)
    }

    @Sendable func signInLearners(request: Request, context: ParlonsRequestContext) async throws -> [SignInLearnerResponse] {
        let id = context.parameters.get("id") ?? ""
        guard try await directory.signInGroups(kioskId: context.kiosk?.id).contains(where: { $0.id == id }) else {
            throw APIError.notFound("group \(id.prefix(40))")
        }
        let now = Date()
        return try await directory.members(of: id).filter { $0.role == .learner && $0.pictureCodeHash != nil }.map {
            SignInLearnerResponse($0, now: now)
        }
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

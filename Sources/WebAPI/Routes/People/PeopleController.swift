import Foundation
import Hummingbird
import Services
import Storage

/// `/api/people`: who uses Parlons. Admins manage everyone; trainers manage the learners of their
/// groups; everyone may read and edit a little of themselves.
struct PeopleController: Sendable {
    let stores: Stores
    var authority: Authority { Authority(stores: stores) }

    func addRoutes(to router: Router<ParlonsRequestContext>) {
        router.get("/api/people", use: list)
        router.post("/api/people", use: create)
        router.get("/api/people/{id}", use: show)
        router.patch("/api/people/{id}", use: update)
        router.delete("/api/people/{id}", use: delete)
        router.put("/api/people/{id}/password", use: setPassword)
        router.put("/api/people/{id}/picture-code", use: setPictureCode)
        router.post("/api/people/{id}/unlock", use: unlock)
        router.get("/api/people/{id}/sign-in-attempts", use: attempts)
    }

    struct NewPerson: Decodable {
        let name: String
        let displayName: String?
        let role: Role
        let avatar: String?
        let languages: [String]?
        let password: String?
        let groupIds: [String]?
    }

    struct PersonPatch: Decodable {
        let displayName: String?
        let avatar: String?
        let languages: [String]?
        let role: Role?
    }

    @Sendable func list(request: Request, context: ParlonsRequestContext) async throws -> [PersonResponse] {
        _ = try context.requirePerson()
        let people = try await stores.people.people(visibleTo: context.viewer)
        let locked = try await stores.credentials.lockedSomewhere(personIds: people.map(\.id))
        return people.map { PersonResponse($0, lockedPlaces: locked) }
    }

    @Sendable func create(request: Request, context: ParlonsRequestContext) async throws -> Response {
        let actor = try context.requireRole(.trainer, .admin)
        let body = try await request.decodeJSON(NewPerson.self, context: context)
        let groupIds = body.groupIds ?? []
        try await authority.requireCreate(role: body.role, inGroups: groupIds, actor: actor)
        if actor.role == .trainer, groupIds.isEmpty {
            throw APIError.invalidField("groupIds", "a trainer adds new learners to one of their groups")
        }
        for id in groupIds where try await stores.people.group(id: id) == nil {
            throw APIError.invalidField("groupIds", "no group \(id.prefix(40))")
        }
        var person = Person(
            name: try PersonFields.name(body.name), displayName: try PersonFields.displayName(body.displayName ?? body.name),
            role: body.role, avatar: try body.avatar.map(PersonFields.picture), languages: try PersonFields.languages(body.languages ?? [])
        )
        if let password = body.password {
            person.passwordHash = try await PasswordHashing.hash(try PersonFields.password(password))
        }
        let created = try await stores.people.insertPerson(person, conflictMessage: "name '\(person.name)' is taken")
        for id in groupIds { try await stores.people.addMember(personId: created.id, groupId: id, addedBy: actor.id) }
        return try created201(PersonResponse(created), location: "/api/people/\(created.id)", request: request, context: context)
    }

    @Sendable func show(request: Request, context: ParlonsRequestContext) async throws -> PersonResponse {
        let person = try await visiblePerson(context)
        return PersonResponse(person, lockedPlaces: try await stores.credentials.lockedSomewhere(personIds: [person.id]))
    }

    @Sendable func update(request: Request, context: ParlonsRequestContext) async throws -> PersonResponse {
        var person = try await visiblePerson(context)
        let actor = try context.requirePerson()
        let body = try await request.decodeJSON(PersonPatch.self, context: context)
        try await authority.requireSelfOrManage(person, actor: actor, "change this person")
        if let role = body.role, role != person.role {
            try authority.requireAdmin(actor, "change roles")
            guard actor.id != person.id else { throw APIError(.conflict, code: "conflict", message: "an admin cannot change their own role") }
            person.role = role
        }
        if let name = body.displayName { person.displayName = try PersonFields.displayName(name) }
        if let avatar = body.avatar { person.avatar = try PersonFields.picture(avatar) }
        if let languages = body.languages { person.languages = try PersonFields.languages(languages) }
        try await stores.people.save(person)
        return PersonResponse(person)
    }

    @Sendable func delete(request: Request, context: ParlonsRequestContext) async throws -> Response {
        let person = try await visiblePerson(context)
        let actor = try context.requirePerson()
        guard actor.id != person.id else { throw APIError(.conflict, code: "conflict", message: "you cannot delete yourself") }
        try await authority.requireManage(person, actor: actor, "delete this person")
        do {
            _ = try await stores.people.deletePerson(id: person.id)
        } catch let error as StorageError where error.code == .conflict {
            throw APIError(.conflict, code: "conflict", message: "\(person.displayName) still owns recordings: withdraw them first")
        }
        return Response(status: .noContent)
    }

    struct PasswordBody: Decodable { let password: String }
    struct PictureCodeBody: Decodable { let code: [Int] }

    @Sendable func setPassword(request: Request, context: ParlonsRequestContext) async throws -> Response {
        var person = try await visiblePerson(context)
        let actor = try context.requirePerson()
        if actor.id != person.id { try authority.requireAdmin(actor, "set someone else's password") }
        let body = try await request.decodeJSON(PasswordBody.self, context: context)
        person.passwordHash = try await PasswordHashing.hash(try PersonFields.password(body.password))
        try await stores.people.save(person)
        return Response(status: .noContent)
    }

    @Sendable func setPictureCode(request: Request, context: ParlonsRequestContext) async throws -> Response {
        var person = try await visiblePerson(context)
        let actor = try context.requirePerson()
        guard person.role == .learner else { throw APIError(.conflict, code: "conflict", message: "picture codes are for learners") }
        guard actor.id != person.id else { throw AccessDenied("a learner's picture code is set by their trainer") }
        try await authority.requireManage(person, actor: actor, "set this learner's picture code")
        let body = try await request.decodeJSON(PictureCodeBody.self, context: context)
        person.pictureCodeHash = try await PasswordHashing.hash(try PictureCode.normalized(body.code), cost: PasswordHashing.pictureCodeCost)
        try await stores.people.save(person)
        try await stores.credentials.clearCodeLocks(personId: person.id)
        return Response(status: .noContent)
    }

    @Sendable func unlock(request: Request, context: ParlonsRequestContext) async throws -> PersonResponse {
        let person = try await visiblePerson(context)
        let actor = try context.requirePerson()
        guard actor.id != person.id else { throw AccessDenied("a learner's picture sign-in is unlocked by their trainer") }
        try await authority.requireManage(person, actor: actor, "unlock this learner")
        try await stores.credentials.clearCodeLocks(personId: person.id)
        return PersonResponse(try await stores.people.person(id: person.id) ?? person)
    }

    @Sendable func attempts(request: Request, context: ParlonsRequestContext) async throws -> [SignInAttemptResponse] {
        let person = try await visiblePerson(context)
        let actor = try context.requirePerson()
        try await authority.requireSelfOrManage(person, actor: actor, "read this person's sign-in attempts")
        return try await stores.credentials.signInAttempts(personId: person.id, limit: 200).map(SignInAttemptResponse.init)
    }

    /// The `{id}` person if the caller may see them (404 otherwise, so nobody learns who exists).
    func visiblePerson(_ context: ParlonsRequestContext) async throws -> Person {
        _ = try context.requirePerson()
        let id = context.parameters.get("id") ?? ""
        guard ResourceID.isValid(id), let person = try await stores.people.person(id: id, visibleTo: context.viewer) else {
            throw APIError.notFound("person \(id.prefix(40))")
        }
        return person
    }

}

struct SignInAttemptResponse: ResponseEncodable {
    let method: String
    let succeeded: Bool
    /// False when the attempt was refused before its code or password was looked at (a lock).
    let checked: Bool
    let clientAddress: String
    let at: String

    init(_ attempt: SignInAttempt) {
        method = attempt.method.rawValue
        succeeded = attempt.succeeded
        checked = attempt.checked
        clientAddress = attempt.clientAddress
        at = ISO8601.string(attempt.at)
    }
}

/// Checks on people's fields.
enum PersonFields {
    static func name(_ raw: String) throws -> String {
        let name = raw.trimmingCharacters(in: .whitespaces).lowercased()
        guard (1...64).contains(name.count), name.allSatisfy({ $0.isLetter || $0.isNumber || ".-_".contains($0) }) else {
            throw APIError.invalidField("name", "1 to 64 letters, digits, '.', '-' or '_'")
        }
        return name
    }

    static func displayName(_ raw: String) throws -> String {
        let name = try FieldValidation.title(raw, field: "displayName")
        guard !name.isEmpty else { throw APIError.invalidField("displayName", "must not be empty") }
        return name
    }

    static func languages(_ tags: [String]) throws -> [String] {
        guard tags.count <= 16 else { throw APIError.invalidField("languages", "at most 16") }
        return try tags.map { try FieldValidation.language($0, field: "languages") }
    }

    /// A picture key: the name of a picture the client knows (letters, digits, `-`, `_`, `.`).
    static func picture(_ raw: String) throws -> String {
        guard (1...128).contains(raw.count), raw.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }),
              !raw.hasPrefix(".") else {
            throw APIError.invalidField("picture", "a picture key of letters, digits, '-', '_' or '.'")
        }
        return raw
    }

    static func password(_ raw: String) throws -> String {
        guard raw.count >= 8 else { throw APIError.invalidField("password", "at least 8 characters") }
        guard raw.utf8.count <= 72 else { throw APIError.invalidField("password", "at most 72 bytes (bcrypt's limit)") }
        return raw
    }
}

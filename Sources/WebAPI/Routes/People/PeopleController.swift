import Foundation
import Hummingbird
import Services
import Storage

/// `/api/people`: who uses Parlons. Admins manage everyone; trainers manage the learners of their
/// groups; everyone may read and edit a little of themselves (``PeopleService``).
struct PeopleController: Sendable {
    let service: PeopleService

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
        let (people, locked) = try await service.people(visibleTo: context.viewer)
        return people.map { PersonResponse($0, lockedPlaces: locked) }
    }

    @Sendable func create(request: Request, context: ParlonsRequestContext) async throws -> Response {
        let actor = try context.requireRole(.trainer, .admin)
        let body = try await request.decodeJSON(NewPerson.self, context: context)
        let created = try await service.create(
            .init(name: body.name, displayName: body.displayName, role: body.role, avatar: body.avatar, languages: body.languages ?? [],
                  password: body.password, groupIds: body.groupIds ?? []),
            actor: actor)
        return try created201(PersonResponse(created), location: "/api/people/\(created.id)", request: request, context: context)
    }

    @Sendable func show(request: Request, context: ParlonsRequestContext) async throws -> PersonResponse {
        let person = try await visiblePerson(context)
        return PersonResponse(person, lockedPlaces: try await service.lockedSomewhere([person.id]))
    }

    @Sendable func update(request: Request, context: ParlonsRequestContext) async throws -> PersonResponse {
        let person = try await visiblePerson(context)
        let actor = try context.requirePerson()
        let body = try await request.decodeJSON(PersonPatch.self, context: context)
        let changes = PeopleService.Changes(displayName: body.displayName, avatar: body.avatar, languages: body.languages, role: body.role)
        return PersonResponse(try await service.update(person, with: changes, actor: actor))
    }

    @Sendable func delete(request: Request, context: ParlonsRequestContext) async throws -> Response {
        let person = try await visiblePerson(context)
        try await service.delete(person, actor: try context.requirePerson())
        return Response(status: .noContent)
    }

    struct PasswordBody: Decodable { let password: String }
    struct PictureCodeBody: Decodable { let code: [Int] }

    @Sendable func setPassword(request: Request, context: ParlonsRequestContext) async throws -> Response {
        let person = try await visiblePerson(context)
        try service.requireSetPassword(of: person, actor: try context.requirePerson())
        let body = try await request.decodeJSON(PasswordBody.self, context: context)
        try await service.setPassword(body.password, of: person)
        return Response(status: .noContent)
    }

    @Sendable func setPictureCode(request: Request, context: ParlonsRequestContext) async throws -> Response {
        let person = try await visiblePerson(context)
        try await service.requireSetPictureCode(of: person, actor: try context.requirePerson())
        let body = try await request.decodeJSON(PictureCodeBody.self, context: context)
        try await service.setPictureCode(body.code, of: person)
        return Response(status: .noContent)
    }

    @Sendable func unlock(request: Request, context: ParlonsRequestContext) async throws -> PersonResponse {
        let person = try await visiblePerson(context)
        return PersonResponse(try await service.unlock(person, actor: try context.requirePerson()))
    }

    @Sendable func attempts(request: Request, context: ParlonsRequestContext) async throws -> [SignInAttemptResponse] {
        let person = try await visiblePerson(context)
        return try await service.signInAttempts(of: person, actor: try context.requirePerson()).map(SignInAttemptResponse.init)
    }

    /// The `{id}` person if the caller may see them (404 otherwise, so nobody learns who exists).
    func visiblePerson(_ context: ParlonsRequestContext) async throws -> Person {
        _ = try context.requirePerson()
        return try await service.person(id: context.parameters.get("id") ?? "", visibleTo: context.viewer)
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

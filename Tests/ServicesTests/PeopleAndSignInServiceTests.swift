import Foundation
import Services
import Storage
import Testing

/// What the HTTP tests do not reach: people made with no one acting (the command line, the first
/// run), the decoy check for unknown names, and the refusals' kinds before any HTTP mapping.
@Suite("People and sign-in services")
struct PeopleAndSignInServiceTests {
    @Test("a person made from the command line is checked like one made through the API, and their password hashed")
    func commandLinePerson() async throws {
        let world = try ServiceWorld()
        let made = try await world.people.create(.init(name: " Amina ", role: .learner, password: "un mot de passe"))
        #expect(made.name == "amina" && made.displayName == "Amina")
        #expect(made.passwordHash == "hashed(\(PasswordHashing.passwordCost)):un mot de passe")
        for (new, field) in [(PeopleService.NewPerson(name: "a b", role: .learner), "name"),
                             (PeopleService.NewPerson(name: "ok", role: .learner, password: "short"), "password"),
                             (PeopleService.NewPerson(name: "ok", role: .learner, languages: ["not a tag"]), "languages")] {
            let error = await #expect(throws: ServiceError.self) { try await world.people.create(new) }
            #expect(error?.kind == .invalidField && error?.field == field)
        }
        await #expect(throws: StorageError.self) { try await world.people.create(.init(name: "AMINA", role: .trainer)) }
    }

    @Test("an unknown name costs a check against the decoy, and both refusals look the same")
    func decoy() async throws {
        let world = try ServiceWorld()
        _ = try await world.people.create(.init(name: "claire", role: .trainer, password: "un mot de passe"))
        let origin = SignInService.Origin(clientAddress: "192.0.2.1", kiosk: nil)
        let unknown = await #expect(throws: ServiceError.self) {
            try await world.signIn().password(name: "nobody", password: "un mot de passe", from: origin)
        }
        #expect(world.checks.value == 1)
        let wrong = await #expect(throws: ServiceError.self) {
            try await world.signIn().password(name: "claire", password: "pas le bon", from: origin)
        }
        #expect(world.checks.value == 2)
        #expect(unknown == wrong && unknown?.kind == .unauthorized && unknown?.code == "wrong_credentials")
        let person = try await world.signIn().password(name: "Claire", password: "un mot de passe", from: origin)
        #expect(person.name == "claire")
    }

    @Test("past the address's limit, attempts are refused before any check, with a time to wait")
    func rateLimited() async throws {
        let world = try ServiceWorld()
        var limits = SignInLimits()
        limits.guardLimits.failuresPerAddress = 2
        let origin = SignInService.Origin(clientAddress: "192.0.2.7", kiosk: nil)
        for _ in 0..<2 {
            await #expect(throws: ServiceError.self) { try await world.signIn(limits).password(name: "x", password: "yyyyyyyy", from: origin) }
        }
        let checked = world.checks.value
        let refused = await #expect(throws: ServiceError.self) {
            try await world.signIn(limits).password(name: "x", password: "yyyyyyyy", from: origin)
        }
        #expect(refused?.kind == .rateLimited && (refused?.retryAfterSeconds ?? 0) >= 1)
        #expect(world.checks.value == checked)
    }

    @Test("the first run makes one admin and one link, which signs them in once")
    func firstRun() async throws {
        let world = try ServiceWorld()
        let path = try #require(try await world.signIn().prepareFirstRun())
        #expect(try await world.signIn().prepareFirstRun() == nil)
        let token = try #require(URLComponents(string: path)?.queryItems?.first { $0.name == "token" }?.value)
        let origin = SignInService.Origin(clientAddress: "192.0.2.9", kiosk: nil)
        let admin = try await world.signIn().link(token: token, from: origin)
        #expect(admin.role == .admin && admin.name == "admin")
        let again = await #expect(throws: ServiceError.self) { try await world.signIn().link(token: token, from: origin) }
        #expect(again?.code == "invalid_link")
    }
}

import ArgumentParser
import Foundation
import Services
import Storage

struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "user", abstract: "Manage people.", subcommands: [Add.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a person; prints their id.")

        @Option(name: .long, help: "Sign-in name (letters, digits, '.', '-', '_').") var name: String
        @Option(name: .long, help: "learner, trainer or admin.") var role: Role
        @Option(name: .long, help: "Name shown to others (default: the sign-in name).") var displayName: String?
        @Flag(name: .long, help: "Read a password from standard input (first line).") var passwordStdin = false
        @OptionGroup var store: StoreOptions

        func run() async throws {
            let people = PeopleService(stores: try await store.stores(), passwords: .bcrypt)
            var password: String?
            if passwordStdin {
                guard let line = readLine(strippingNewline: true), line.count >= 8 else {
                    throw ValidationError("the password on standard input must have at least 8 characters")
                }
                password = line
            }
            do {
                print(try await people.create(.init(name: name, displayName: displayName, role: role, password: password)).id)
            } catch let error as StorageError where error.code == .conflict {
                throw ValidationError("the name \(name) is taken")
            } catch let error as ServiceError {
                throw ValidationError(error.message)
            }
        }
    }
}

extension Role: ExpressibleByArgument {}

struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "token", abstract: "Manage API tokens.", subcommands: [Create.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a bearer token for a person; prints it once.")

        @Option(name: .long, help: "Sign-in name of the token's owner.") var user: String
        @Option(name: .long, help: "What the token is for.") var name = "command line"
        @OptionGroup var store: StoreOptions

        func run() async throws {
            let stores = try await store.stores()
            guard let person = try await stores.people.person(name: user) else { throw ValidationError("no person named \(user)") }
            do {
                print(try await TokenService(stores: stores).issue(for: person, name: name).secret)
            } catch let error as ServiceError {
                throw ValidationError(error.message)
            }
        }
    }
}

/// Why the database could not be opened at start-up, said so that whoever configured it can fix it.
public struct PostgresOpenError: Error, CustomStringConvertible, Sendable {
    public enum Reason: Sendable, Equatable {
        /// No server answered at the address (refused, timed out, unknown host).
        case unreachable
        /// The server refused the user or password.
        case credentials
        /// The server has no such database.
        case noDatabase
        /// TLS was asked for and could not be had (the server offers none, its certificate is not
        /// trusted, the trusted authorities cannot be read).
        case tls
        /// The server is older than Parlons needs.
        case tooOld
        /// The schema could not be made or updated.
        case schema
    }

    public let reason: Reason
    public let message: String

    public var description: String { message }
}

import Storage

/// Who a request comes from, once authenticated.
public struct Identity: Sendable {
    public enum Method: Sendable, Equatable {
        /// A session cookie (a browser): changes need the CSRF check.
        case session
        /// An `Authorization: Bearer` API token (a script).
        case token
    }

    public let person: Person
    public let method: Method
}

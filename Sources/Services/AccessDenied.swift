/// The authority model refused an operation: the caller is known, and may not do this.
/// (HTTP: `403 forbidden`, with `message` as the explanation.)
public struct AccessDenied: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}

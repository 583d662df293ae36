/// The authority model refused an operation: the caller is known, and may not do this.
/// (HTTP: `403 forbidden`, with `message` as the explanation.)
public struct AccessDenied: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String
    /// A more precise machine-readable reason than `forbidden` (`not_on_this_kiosk`), kept as the API's error code.
    public var code: String?

    public init(_ message: String, code: String? = nil) {
        self.message = message
        self.code = code
    }

    public var description: String { message }
}

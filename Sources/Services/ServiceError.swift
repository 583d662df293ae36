import ScenarioFormat

/// Why a domain operation refused or failed, in the services' own terms. WebAPI turns each kind
/// into an HTTP status and error code in one place (`APIErrorMiddleware`); the command line prints
/// the message.
public struct ServiceError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// The bytes are not audio we can read, or are broken.
        case invalidAudio
        /// Nothing was sent where something was needed.
        case emptyBody
        /// A format we do not take.
        case unsupportedMediaType
        /// More bytes than allowed.
        case tooLarge
        /// A field of the request is wrong (`field` names it).
        case invalidField
        /// What the operation names does not exist, or the caller may not know it does.
        case notFound
        /// It contradicts what is stored (a name taken, a revision moved on).
        case conflict
        /// It was withdrawn for good.
        case gone
        /// The owner has not consented to this.
        case consentRequired
        /// The server has no room for this work now; try again after `retryAfterSeconds`.
        case busy
        /// A scenario file or body with problems, each with its line.
        case invalidScenario
        /// Well-formed, but this cannot be done with it (`code` says why: `too_long`, `nothing_to_align`…).
        case unprocessable
        /// The bytes cannot be read as what they claim to be (`code` says why: `invalid_transcript`…).
        case unreadable
        /// Someone saved since the revision the change was made on.
        case revisionChanged
        /// A sign-in's secret (password, picture code, link) is wrong (`code` says which:
        /// `wrong_credentials`, `wrong_code`, `invalid_link`).
        case unauthorized
        /// Too many failed attempts: refused until `retryAfterSeconds` have passed.
        case rateLimited
    }

    public let kind: Kind
    public let message: String
    /// The field an `invalidField` error is about.
    public var field: String?
    public var retryAfterSeconds: Int?
    /// A more precise machine-readable reason than the kind, kept as the API's error code.
    public var code: String?
    /// The problems of an `invalidScenario` error.
    public var problems: [ScenarioProblem] = []

    public init(_ kind: Kind, _ message: String, field: String? = nil, retryAfterSeconds: Int? = nil, code: String? = nil) {
        self.kind = kind
        self.message = message
        self.field = field
        self.retryAfterSeconds = retryAfterSeconds
        self.code = code
    }

    public var description: String { message }

    /// `field: why`, as a 422 says it.
    public static func invalidField(_ field: String, _ why: String) -> ServiceError {
        ServiceError(.invalidField, "\(field): \(why)", field: field)
    }

    public static func notFound(_ what: String) -> ServiceError { ServiceError(.notFound, "\(what) not found") }
}

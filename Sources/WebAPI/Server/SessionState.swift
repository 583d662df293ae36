/// What a signed-in browser's server-side session holds.
public struct SessionState: Codable, Sendable, Equatable {
    public var personId: String
    /// Set when the learner signed in on an enrolled kiosk: the session then ends after the
    /// kiosk's idle time.
    public var kioskId: String?
    /// Sent back in `X-CSRF-Token` by clients that cannot rely on the `Origin` header.
    public var csrfToken: String
}

import Foundation

/// Who is asking, as far as access to recordings goes.
public struct Viewer: Sendable, Equatable {
    public let personId: String?
    public let role: Role?
    /// Mentoring pairs are judged active at this moment.
    public let now: Date

    public init(personId: String?, role: Role?, now: Date = Date()) {
        self.personId = personId
        self.role = role
        self.now = now
    }

    /// Someone not signed in: public recordings only.
    public static func anonymous(now: Date = Date()) -> Viewer { Viewer(personId: nil, role: nil, now: now) }

    public var isAdmin: Bool { role == .admin }
}

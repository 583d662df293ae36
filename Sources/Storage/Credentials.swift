import Foundation

/// A long-lived bearer token for scripts, stored as its hash.
public struct APIToken: Codable, Sendable, Equatable, Identifiable {
    public var id: String
    public var personId: String
    /// What the token is for, as its owner named it.
    public var name: String
    public var tokenHash: String
    public var createdAt: Date
    public var lastUsedAt: Date?
    public var revokedAt: Date?

    public init(id: String = ResourceID.generate(), personId: String, name: String, tokenHash: String, createdAt: Date = Date()) {
        self.id = id
        self.personId = personId
        self.name = name
        self.tokenHash = tokenHash
        self.createdAt = Date(millisecondsSince1970: createdAt.millisecondsSince1970)
    }
}


/// A shared screen a trainer enrolled: it signs in its groups' learners with pictures.
public struct Kiosk: Codable, Sendable, Equatable, Identifiable {
    public var id: String
    public var name: String
    public var tokenHash: String
    public var enrolledBy: String
    /// A learner's session on this kiosk ends after this many idle seconds.
    public var idleSeconds: Int
    public var createdAt: Date
    public var revokedAt: Date?

    public init(id: String = ResourceID.generate(), name: String, tokenHash: String, enrolledBy: String, idleSeconds: Int, createdAt: Date = Date()) {
        self.id = id
        self.name = name
        self.tokenHash = tokenHash
        self.enrolledBy = enrolledBy
        self.idleSeconds = idleSeconds
        self.createdAt = Date(millisecondsSince1970: createdAt.millisecondsSince1970)
    }
}


/// A group whose learners a kiosk shows.
public struct KioskGroup: Codable, Sendable, Equatable {
    public var kioskId: String
    public var groupId: String
    public init(kioskId: String, groupId: String) {
        self.kioskId = kioskId
        self.groupId = groupId
    }
}

/// Every sign-in attempt, kept for trainers and for rate limiting. Never holds a password or code.
public struct SignInAttempt: Codable, Sendable, Equatable {
    public enum Method: String, Codable, Sendable { case password, picture, link, kiosk }
    public var id: Int64?
    public var personId: String?
    /// The name that was tried, for password attempts on unknown names.
    public var name: String?
    public var clientAddress: String
    public var method: Method
    public var succeeded: Bool
    /// False when the attempt was refused before its secret was looked at (a lock, a burst).
    public var checked: Bool
    public var at: Date

    public init(personId: String?, name: String? = nil, clientAddress: String, method: Method, succeeded: Bool, checked: Bool = true,
                at: Date = Date()) {
        self.personId = personId
        self.name = name
        self.clientAddress = clientAddress
        self.method = method
        self.succeeded = succeeded
        self.checked = checked
        self.at = Date(millisecondsSince1970: at.millisecondsSince1970)
    }
}


/// A single-use sign-in link (the first admin's), stored as its hash.
public struct OneTimeLink: Codable, Sendable, Equatable {
    public var tokenHash: String
    public var personId: String
    public var expiresAt: Date
    public var usedAt: Date?

    public init(tokenHash: String, personId: String, expiresAt: Date) {
        self.tokenHash = tokenHash
        self.personId = personId
        self.expiresAt = Date(millisecondsSince1970: expiresAt.millisecondsSince1970)
    }
}


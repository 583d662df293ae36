import Foundation

/// What a person may do in Parlons.
public enum Role: String, Codable, Sendable, CaseIterable {
    case learner, trainer, admin
}

/// Someone who uses Parlons: a learner, a trainer or an admin.
public struct Person: Codable, Sendable, Equatable, Identifiable {
    public var id: String
    /// Unique sign-in name (case-insensitive), e.g. `amina` or `m.durand`.
    public var name: String
    /// How the person is shown and greeted.
    public var displayName: String
    public var role: Role
    /// The avatar: a picture of the client's catalogue, by key, when there is no photo.
    public var avatar: String?
    /// SHA-256 of the person's photo in the picture store, if they have one.
    public var avatarPhoto: String?
    /// BCP 47 tags of the languages the person speaks, most fluent first.
    public var languages: [String]
    /// bcrypt hash of the password (trainers and admins).
    public var passwordHash: String?
    /// bcrypt hash of the picture code (learners): three picture numbers, in order.
    public var pictureCodeHash: String?
    /// Wrong picture codes in a row; reset by a right one or by a trainer.
    public var failedCodeAttempts: Int
    /// Picture sign-in refused until then (a trainer can lift it).
    public var lockedUntil: Date?
    public var createdAt: Date
    /// Their name, spoken (a recording of purpose `name`), played beside their picture.
    public var nameRecordingId: String?

    public init(id: String = ResourceID.generate(), name: String, displayName: String, role: Role, avatar: String? = nil,
                languages: [String] = [], passwordHash: String? = nil, pictureCodeHash: String? = nil, createdAt: Date = Date()) {
        self.id = id
        self.name = name
        self.displayName = displayName
        self.role = role
        self.avatar = avatar
        self.languages = languages
        self.passwordHash = passwordHash
        self.pictureCodeHash = pictureCodeHash
        self.failedCodeAttempts = 0
        self.lockedUntil = nil
        self.createdAt = Date(millisecondsSince1970: createdAt.millisecondsSince1970)
    }
}

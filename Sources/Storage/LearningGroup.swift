import Foundation

/// A class, a camp, a family: people who learn or keep memories together.
public struct LearningGroup: Codable, Sendable, Equatable, Identifiable {
    public var id: String
    public var name: String
    /// A picture of the client's catalogue, by key, when there is no photo.
    public var picture: String?
    /// SHA-256 of the group's photo in the picture store, if it has one.
    public var picturePhoto: String?
    /// Listed on the picture sign-in screen of any browser, not only on the group's kiosks
    /// (a family signing in on its own phone).
    public var openSignIn: Bool
    public var createdAt: Date

    public init(id: String = ResourceID.generate(), name: String, picture: String? = nil, openSignIn: Bool = false, createdAt: Date = Date()) {
        self.id = id
        self.name = name
        self.picture = picture
        self.openSignIn = openSignIn
        self.createdAt = Date(millisecondsSince1970: createdAt.millisecondsSince1970)
    }
}


/// A person belongs to a group.
public struct Membership: Codable, Sendable, Equatable {
    public var groupId: String
    public var personId: String
    /// Who added the person (nil for memberships made before this was recorded, or by a deleted person).
    public var addedBy: String?
    public init(groupId: String, personId: String, addedBy: String? = nil) {
        self.groupId = groupId
        self.personId = personId
        self.addedBy = addedBy
    }
}

/// A partnership between centres: recordings shared with the network reach every member group.
public struct Network: Codable, Sendable, Equatable, Identifiable {
    public var id: String
    public var name: String
    public init(id: String = ResourceID.generate(), name: String) {
        self.id = id
        self.name = name
    }
}

/// A group that has joined a network.
public struct NetworkMember: Codable, Sendable, Equatable {
    public var networkId: String
    public var groupId: String
    public init(networkId: String, groupId: String) {
        self.networkId = networkId
        self.groupId = groupId
    }
}

/// A mentor and a newcomer (parrainage) linked for a period. While it is active the mentor hears
/// what the newcomer shares with the pair.
public struct MentoringPair: Codable, Sendable, Equatable, Identifiable {
    public var id: String
    public var mentorId: String
    public var newcomerId: String
    public var startsAt: Date
    /// Open-ended when nil.
    public var endsAt: Date?

    public init(id: String = ResourceID.generate(), mentorId: String, newcomerId: String, startsAt: Date, endsAt: Date?) {
        self.id = id
        self.mentorId = mentorId
        self.newcomerId = newcomerId
        self.startsAt = Date(millisecondsSince1970: startsAt.millisecondsSince1970)
        self.endsAt = endsAt.map { Date(millisecondsSince1970: $0.millisecondsSince1970) }
    }

    public func isActive(at date: Date) -> Bool {
        startsAt <= date && (endsAt.map { date < $0 } ?? true)
    }
}


import Foundation

/// Who may hear a recording, from the narrowest to the widest.
public enum Visibility: String, Codable, Sendable, CaseIterable, Comparable {
    /// The owner, their trainers, and their active mentor when shared with the pair.
    case `private`
    /// Members of the recording's group.
    case group
    /// Members of every group in a network the recording's group has joined.
    case network
    /// Anyone, signed in or not.
    case `public`

    var rank: Int { Self.allCases.firstIndex(of: self)! }

    public static func < (lhs: Visibility, rhs: Visibility) -> Bool { lhs.rank < rhs.rank }
}

/// A person's consent to widen who hears one of their recordings.
public struct Consent: Codable, Sendable, Equatable, Identifiable {
    public enum Method: String, Codable, Sendable {
        /// A tap on the consent screen after hearing its spoken explanation.
        case tap
        /// A short spoken consent, itself a recording (see `consentRecordingId`).
        case spoken
    }

    public var id: String
    public var recordingId: String
    /// Who consented: the recording's owner.
    public var personId: String
    /// The widest visibility consented to.
    public var visibility: Visibility
    public var method: Method
    public var consentRecordingId: String?
    public var givenAt: Date

    public init(id: String = ResourceID.generate(), recordingId: String, personId: String, visibility: Visibility,
                method: Method, consentRecordingId: String? = nil, givenAt: Date = Date()) {
        self.id = id
        self.recordingId = recordingId
        self.personId = personId
        self.visibility = visibility
        self.method = method
        self.consentRecordingId = consentRecordingId
        self.givenAt = Date(millisecondsSince1970: givenAt.millisecondsSince1970)
    }
}


/// What remains of a withdrawn recording: that it existed, whose it was, when it went. No content.
public struct Tombstone: Codable, Sendable, Equatable {
    public var recordingId: String
    public var ownerId: String?
    public var withdrawnAt: Date
    public var withdrawnBy: String?

    public init(recordingId: String, ownerId: String?, withdrawnAt: Date = Date(), withdrawnBy: String?) {
        self.recordingId = recordingId
        self.ownerId = ownerId
        self.withdrawnAt = Date(millisecondsSince1970: withdrawnAt.millisecondsSince1970)
        self.withdrawnBy = withdrawnBy
    }
}


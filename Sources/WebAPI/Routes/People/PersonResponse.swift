import Foundation
import Hummingbird
import Services
import Storage

/// A person as the API shows them (never their hashes).
struct PersonResponse: ResponseEncodable {
    let id: String
    let name: String
    let displayName: String
    let role: Role
    let avatar: String?
    /// The person's photo, when they have one.
    let avatarUrl: String?
    /// Their name, spoken (Ogg Opus), when it was recorded.
    let nameUrl: String?
    let languages: [String]
    let hasPassword: Bool
    let hasPictureCode: Bool
    /// Picture sign-in is locked somewhere after too many wrong codes (everywhere but the
    /// learner's own kiosks, or at one kiosk or address when `lockedPlaces` says so).
    let locked: Bool
    let createdAt: String

    init(_ person: Person, lockedPlaces: Set<String> = [], now: Date = Date()) {
        id = person.id
        name = person.name
        displayName = person.displayName
        role = person.role
        avatar = person.avatar
        avatarUrl = person.avatarPhoto.map { _ in "/api/people/\(person.id)/avatar" }
        nameUrl = person.nameRecordingId.map { _ in "/api/people/\(person.id)/name" }
        languages = person.languages
        hasPassword = person.passwordHash != nil
        hasPictureCode = person.pictureCodeHash != nil
        locked = (person.lockedUntil.map { $0 > now } ?? false) || lockedPlaces.contains(person.id)
        createdAt = ISO8601.string(person.createdAt)
    }
}

/// A learner on the picture sign-in screen: only what the screen shows.
struct SignInLearnerResponse: ResponseEncodable {
    let id: String
    let displayName: String
    let avatar: String?
    let avatarUrl: String?
    /// Their name, spoken, for the speaker beside their picture.
    let nameUrl: String?
    let locked: Bool

    init(_ person: Person, locked: Bool) {
        id = person.id
        displayName = person.displayName
        avatar = person.avatar
        avatarUrl = person.avatarPhoto.map { _ in "/api/people/\(person.id)/avatar" }
        nameUrl = person.nameRecordingId.map { _ in "/api/people/\(person.id)/name" }
        self.locked = locked
    }
}

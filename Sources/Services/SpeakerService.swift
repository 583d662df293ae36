import Foundation
import Storage

/// Whose voice a recording is, as a learner who cannot read tells it: by the speaker's picture
/// (the key of the people picture they or their trainer chose) and, where the viewer may already
/// see it, their photo. Two stories with the same picture, told by two people, then look apart.
public struct Speaker: Sendable, Equatable {
    public let personId: String
    /// The people picture's key (`p-hat`…), when one was chosen.
    public let avatar: String?
    /// Whether the viewer may see the speaker's photo (they have one, and
    /// ``Authority/mayShowFace(of:viewer:kioskId:)`` allows it).
    public let showsPhoto: Bool
}

public struct SpeakerService: Sendable {
    let stores: Stores
    var authority: Authority { Authority(stores: stores) }

    public init(stores: Stores) {
        self.stores = stores
    }

    /// The speaker of each recording that has an owner, by owner id (each owner looked up once).
    /// Only ask for recordings the viewer may hear: hearing the voice is what lets them see whose it is.
    public func speakers(of recordings: [Recording], viewer: Viewer, kioskId: String?) async throws -> [String: Speaker] {
        var found: [String: Speaker] = [:]
        for ownerId in Set(recordings.compactMap(\.ownerId)) {
            guard let person = try await stores.people.person(id: ownerId) else { continue }
            var photo = false
            if person.avatarPhoto != nil { photo = try await authority.mayShowFace(of: person, viewer: viewer, kioskId: kioskId) }
            found[ownerId] = Speaker(personId: person.id, avatar: person.avatar, showsPhoto: photo)
        }
        return found
    }
}

import Foundation
import Storage

/// A person's name, spoken (in their own voice or their trainer's), played beside their picture on
/// the sign-in screens: a learner who cannot read the names finds themselves by picture and by ear.
/// Each take is a private recording of the person's (purpose `name`, in no list), heard by whoever
/// may see their face (``Authority/mayShowFace(of:viewer:kioskId:)``).
public struct SpokenNameService: Sendable {
    let library: RecordingLibrary
    var authority: Authority { Authority(stores: library.stores) }

    public init(library: RecordingLibrary) {
        self.library = library
    }

    /// Who may record or remove `person`'s name: themselves, or those who manage them.
    public func requireEdit(_ person: Person, actor: Person) async throws {
        try await authority.requireSelfOrManage(person, actor: actor, "record this person's name")
    }

    /// Makes `recording` (just stored, of purpose `name`, owned by `person`) their spoken name;
    /// returns whether it replaced an earlier take, which is withdrawn for good.
    public func replace(of person: Person, with recording: Recording, actor: Person) async throws -> Bool {
        let previous: String?
        do {
            previous = try await library.stores.people.setNameRecording(personId: person.id, recordingId: recording.id)
        } catch {
            _ = try? await library.delete(id: recording.id)
            throw error
        }
        if let previous { _ = try await library.withdraw(id: previous, by: actor.id) }
        return previous != nil
    }

    /// The take, withdrawn for good; `notFound` when there was none.
    public func remove(of person: Person, actor: Person) async throws {
        guard let previous = try await library.stores.people.setNameRecording(personId: person.id, recordingId: nil) else {
            throw ServiceError(.notFound, "spoken name of \(person.id)")
        }
        _ = try await library.withdraw(id: previous, by: actor.id)
    }

    /// The recording of the person's name, when there is one and the viewer (or the sign-in screen
    /// of `kioskId`, or an open group's) may see their face.
    public func recording(personId: String, viewer: Viewer, kioskId: String?) async throws -> Recording? {
        guard let person = try await library.stores.people.person(id: personId), let recordingId = person.nameRecordingId,
              try await authority.mayShowFace(of: person, viewer: viewer, kioskId: kioskId) else { return nil }
        return try await library.metadata.recording(id: recordingId)
    }
}

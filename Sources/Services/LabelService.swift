import Foundation
import Storage

/// The spoken labels trainers record for the learner screens: each is a recording of the
/// trainer's voice, public with their consent, standing in for a shipped clip.
public struct LabelService: Sendable {
    let library: RecordingLibrary

    public init(library: RecordingLibrary) {
        self.library = library
    }

    /// The labels recorded in `language`.
    public func labels(language: String) async throws -> [SpokenLabel] {
        try await library.stores.labels.spokenLabels(language: language)
    }

    /// Makes `recording` (just stored, the speaker's) the label's voice; returns whether it
    /// replaced an earlier take. The earlier take goes as ``retire(_:actor:)`` says.
    public func publish(_ recording: Recording, language: String, key: String, speaker: Person) async throws -> (label: SpokenLabel, replaced: Bool) {
        let label = SpokenLabel(language: language, key: key, recordingId: recording.id, recordedBy: speaker.id)
        let previous: String?
        do {
            previous = try await library.stores.labels.publishSpokenLabel(label)
        } catch {
            _ = try? await library.delete(id: recording.id)
            throw error
        }
        if let previous { try await retire(previous, actor: speaker) }
        return (label, previous != nil)
    }

    /// Back to the shipped clip: the label is forgotten; `notFound` when none was recorded.
    public func remove(language: String, key: String, actor: Person) async throws {
        guard let removed = try await library.stores.labels.removeSpokenLabel(language: language, key: key) else {
            throw ServiceError.notFound("recorded label '\(key)' in \(language)")
        }
        try await retire(removed.recordingId, actor: actor)
    }

    /// A label's recording once the label no longer plays it: withdrawn if the actor may manage
    /// it (their own voice; an admin), otherwise given back to its owner as a private recording
    /// (its consent was for the label), which only they may withdraw. A take nobody here owns (a
    /// copy of another server's take, or its speaker deleted) has no one to go back to: deleted.
    func retire(_ recordingId: String, actor: Person) async throws {
        guard let recording = try await library.stores.recordings.recording(id: recordingId) else { return }
        if recording.ownerId == nil {
            _ = try await library.delete(id: recordingId)
        } else if try await Authority(stores: library.stores).withdrawsReplacedLabel(recording, actor: actor) {
            _ = try await library.withdraw(id: recordingId, by: actor.id)
        } else {
            _ = try await library.stores.recordings.setVisibility(id: recordingId, visibility: .private, sharedWithMentor: false)
        }
    }
}

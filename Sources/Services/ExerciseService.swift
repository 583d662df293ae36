import Exercises
import Foundation
import Storage
import Transcripts

/// The exercises of the learning path, made on the fly from a recording's timed transcription
/// (the pure work is in `Exercises`): which transcription they use, at which level, and the
/// gap-fills' wrong tiles from the group's other transcriptions the learner may hear.
public struct ExerciseService: Sendable {
    let library: RecordingLibrary
    private var stores: Stores { library.stores }

    /// How many of the group's other transcripts feed a gap-fill's wrong tiles.
    public static let poolRecordings = 30

    public init(library: RecordingLibrary) {
        self.library = library
    }

    /// The transcription exercises are made from: the one in `language` when given (any region of
    /// it), else the one in the recording's language, else the first; at `revision` when given.
    /// Translations are never used: their words are not what the recording says.
    ///
    /// - Throws: `missing(language)` when `language` has none (`notFound` unless told),
    ///   `conflict` (`not_timed`) when the recording has none at all, `invalidField` (`revision`)
    ///   when that revision does not exist.
    public func transcription(of recording: Recording, language: String?, revision: Int? = nil,
                              missing: (String) -> ServiceError = { ServiceError.notFound("\($0) transcription") }) async throws -> StoredTranscript {
        let all = try await stores.transcripts.transcripts(recordingId: recording.id).filter { $0.transcript.kind == .transcription }
        func primary(_ tag: String) -> Substring { tag.split(separator: "-").first ?? Substring(tag) }
        let chosen: StoredTranscript
        if let language {
            guard let found = all.first(where: { $0.transcript.language == language })
                    ?? all.first(where: { primary($0.transcript.language) == primary(language) }) else { throw missing(language) }
            chosen = found
        } else {
            guard let found = all.first(where: { $0.transcript.language == recording.language })
                    ?? all.first(where: { primary($0.transcript.language) == primary(recording.language) }) ?? all.first else {
                throw ServiceError(.conflict, "recording \(recording.id) has no transcript yet: add one (PUT …/transcripts/LANG), then time it",
                                   code: "not_timed")
            }
            chosen = found
        }
        guard let revision, revision != chosen.revision else { return chosen }
        guard let older = try await stores.transcripts.transcript(recordingId: recording.id, language: chosen.transcript.language,
                                                                  revision: revision) else {
            throw ServiceError.invalidField("revision", "the \(chosen.transcript.language) transcript has no revision \(revision)")
        }
        return older
    }

    /// ``transcription(of:language:revision:missing:)``, fully timed and not empty (`not_timed` otherwise),
    /// with `segment` (when given) one of its segments.
    public func timedTranscription(of recording: Recording, language: String?, segment: Int?) async throws -> StoredTranscript {
        let stored = try await transcription(of: recording, language: language)
        let transcript = stored.transcript
        guard transcript.isFullyTimed, !transcript.segments.isEmpty else { throw Self.notTimed(transcript.language) }
        if let segment, !transcript.segments.indices.contains(segment) {
            throw Self.noSegment(segment, count: transcript.segments.count, field: "segment")
        }
        return stored
    }

    /// The level asked for, or the one `person` is at on this recording and step (1 for newcomers
    /// and anonymous listeners).
    public func level(_ asked: ExerciseLevel?, recording: Recording, step: String, person: Person?) async throws -> ExerciseLevel {
        if let asked { return asked }
        guard let person else { return .beginner }
        return try await stores.progress.progress(personId: person.id, recordingId: recording.id, step: step)?.level ?? .beginner
    }

    /// The group whose picture a listening exercise shows, when it has one.
    public func picturedGroup(of recording: Recording) async throws -> LearningGroup? {
        guard let groupId = recording.groupId, let group = try await stores.people.group(id: groupId),
              group.picture != nil || group.picturePhoto != nil else { return nil }
        return group
    }

    /// A gap-fill of one segment, with wrong tiles from this transcript and the group's other
    /// transcriptions in the same language that the viewer may hear.
    public func gapFill(_ stored: StoredTranscript, recording: Recording, segment index: Int, level: ExerciseLevel, seed: UInt64,
                        viewer: Viewer) async throws -> GapFillExercise {
        let transcript = stored.transcript
        guard transcript.segments[index].words.allSatisfy(\.isTimed) else { throw Self.wordsNotTimed(index) }
        var pool = DistractorPool(language: transcript.language)
        pool.add(transcript, recordingId: recording.id)
        if let groupId = recording.groupId {
            for other in try await stores.transcripts.groupTranscriptions(groupId: groupId, language: transcript.language, excluding: recording.id,
                                                                          visibleTo: viewer, limit: Self.poolRecordings) {
                pool.add(other.transcript, recordingId: other.recordingId)
            }
        }
        return GapFillGenerator(language: transcript.language, level: level)
            .make(segment: index, of: transcript, recordingId: recording.id, pool: pool, seed: seed)
    }

    // MARK: errors

    /// The transcript has phrases or words without times (`conflict`, `not_timed`).
    public static func notTimed(_ language: String) -> ServiceError {
        ServiceError(.conflict, "the \(language) transcript must be timed first: tap along "
                        + "(PATCH …/transcripts/\(language)/timings) or align it (POST …/transcripts/\(language)/align)", code: "not_timed")
    }

    /// One segment's words lack times (`conflict`, `not_timed`).
    public static func wordsNotTimed(_ segment: Int) -> ServiceError {
        ServiceError(.conflict, "the words of segment \(segment) must be timed first: tap along or align the transcript", code: "not_timed")
    }

    /// `field` names a segment the transcript does not have.
    public static func noSegment(_ segment: Int, count: Int, field: String) -> ServiceError {
        ServiceError.invalidField(field, "no segment \(segment): the transcript has \(count) (0 to \(count - 1))")
    }
}

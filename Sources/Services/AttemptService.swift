import Exercises
import Foundation
import Storage
import Transcripts

/// A learner's answers to exercises: each is checked against the transcript revision it was made
/// from, scored (`Exercises`' scorer), stored, and moves the learner's level by the level rule.
public struct AttemptService: Sendable {
    let library: RecordingLibrary
    private var stores: Stores { library.stores }
    var exercises: ExerciseService { ExerciseService(library: library) }

    public init(library: RecordingLibrary) {
        self.library = library
    }

    /// The answer part of an attempt, read only once the exercise it answers is known (a gap-fill's
    /// choices are checked against its segment's words). Each reader throws an `invalidField`-like
    /// error naming the answer's field.
    public protocol Answer: Sendable {
        /// `answer.text` of a dictation.
        func text() throws -> String
        /// `answer.choices` of a gap-fill, checked against the segment's word count.
        func choices(wordCount: Int, segment: Int) throws -> [GapChoice]
        /// `answer.recordingId` of a repeat: the learner's recorded try.
        func tryRecordingId() throws -> String
    }

    /// An answer as sent.
    public struct NewAttempt: Sendable {
        public var kind: ExerciseKind
        public var recordingId: String
        public var language: String?
        public var revision: Int?
        public var segment: Int?
        public var level: ExerciseLevel?
        /// The scenario step it was practised in ("" for none).
        public var step: String
        public var answer: any Answer

        public init(kind: ExerciseKind, recordingId: String, language: String?, revision: Int?, segment: Int?, level: ExerciseLevel?,
                    step: String, answer: any Answer) {
            self.kind = kind
            self.recordingId = recordingId
            self.language = language
            self.revision = revision
            self.segment = segment
            self.level = level
            self.step = step
            self.answer = answer
        }
    }

    /// A stored attempt with what its answer is shown against.
    public struct Outcome: Sendable {
        public var attempt: Attempt
        /// The segment practised, as it was in the attempt's revision.
        public var segment: TranscriptSegment?
        /// A repeat's try, when the viewer may hear it.
        public var tryDurationMs: Int?
        /// The progress it made, when it was just recorded.
        public var recorded: RecordedAttempt?
    }

    /// Scores and stores `person`'s attempt on a recording `viewer` may hear.
    public func record(_ new: NewAttempt, by person: Person, viewer: Viewer) async throws -> Outcome {
        guard ResourceID.isValid(new.recordingId), let recording = try await library.metadata.recording(id: new.recordingId, visibleTo: viewer) else {
            throw ServiceError.invalidField("recordingId", "no recording you may hear has the id '\(new.recordingId.prefix(40))'")
        }
        var stored: StoredTranscript?
        var segment: TranscriptSegment?
        if new.kind.needsTranscript {
            let found = try await exercises.transcription(of: recording, language: new.language, revision: new.revision) { language in
                ServiceError.invalidField("language", "recording \(recording.id) has no \(language) transcription")
            }
            stored = found
            segment = try Self.segment(new, of: found.transcript)
        } else if new.segment != nil {
            throw ServiceError.invalidField("segment", "listening is for the whole recording: leave it out")
        }
        let progress = try await stores.progress.progress(personId: person.id, recordingId: recording.id, step: new.step)
        let level = new.level ?? progress?.level ?? .beginner
        let language = stored?.transcript.language ?? new.language ?? recording.language
        var attempt = Attempt(personId: person.id, recordingId: recording.id, step: new.step, language: language, revision: stored?.revision,
                              kind: new.kind, segment: segment == nil ? nil : new.segment, level: level, answer: AttemptAnswer())
        let scorer = AnswerScorer(language: language, level: level)
        var tryDurationMs: Int?
        switch (new.kind, segment, new.segment) {
        case (.gapFill, let segment?, let index?):
            let choices = try new.answer.choices(wordCount: segment.words.count, segment: index)
            attempt.answer = AttemptAnswer(choices: choices.map { .init(word: $0.word, text: $0.text) })
            let scored = scorer.score(choices: choices, against: segment)
            (attempt.marks, attempt.score) = (scored.marks, scored.score)
        case (.dictation, let segment?, _):
            let text = try new.answer.text()
            // Many times more words than were said is not an answer, and would only cost time to align.
            let limit = 4 * segment.words.count + 20
            guard Tokenizer().tokens(in: text).count <= limit else {
                throw ServiceError.invalidField("answer.text", "more than \(limit) words for a phrase of \(segment.words.count)")
            }
            attempt.answer = AttemptAnswer(text: text)
            let scored = scorer.score(text: text, against: segment)
            (attempt.marks, attempt.score) = (scored.marks, scored.score)
        case (.repeat, _, _):
            let own = try await tryRecording(try new.answer.tryRecordingId(), person: person, exercise: recording)
            attempt.answer = AttemptAnswer(recordingId: own.id)
            attempt.tryRecordingId = own.id
            tryDurationMs = own.durationMs
        default:
            // Listening and reading along are recorded as done; per-segment kinds always have
            // their segment here (checked above).
            break
        }
        let recorded = try await stores.progress.record(attempt)
        return Outcome(attempt: recorded.attempt, segment: segment, tryDurationMs: tryDurationMs, recorded: recorded)
    }

    /// An attempt, for those who may follow its learner's progress; `notFound` for others.
    public func attempt(id: String, actor: Person, viewer: Viewer) async throws -> Outcome {
        guard ResourceID.isValid(id), let attempt = try await stores.progress.attempt(id: id),
              try await Authority(stores: stores).mayFollowProgress(of: attempt.personId, actor: actor) else {
            throw ServiceError.notFound("attempt \(id.prefix(40))")
        }
        var segment: TranscriptSegment?
        if let index = attempt.segment, let revision = attempt.revision,
           let stored = try await stores.transcripts.transcript(recordingId: attempt.recordingId, language: attempt.language, revision: revision),
           stored.transcript.segments.indices.contains(index) {
            segment = stored.transcript.segments[index]
        }
        var tryDurationMs: Int?
        if let id = attempt.tryRecordingId {
            tryDurationMs = try await library.metadata.recording(id: id, visibleTo: viewer)?.durationMs
        }
        return Outcome(attempt: attempt, segment: segment, tryDurationMs: tryDurationMs)
    }

    /// The segment an attempt is about: required (and checked) for per-segment kinds, optional
    /// for reading along.
    static func segment(_ new: NewAttempt, of transcript: Transcript) throws -> TranscriptSegment? {
        guard let index = new.segment else {
            if new.kind.isPerSegment { throw ServiceError.invalidField("segment", "which segment was practised: a whole number from 0") }
            return nil
        }
        guard transcript.segments.indices.contains(index) else {
            throw ExerciseService.noSegment(index, count: transcript.segments.count, field: "segment")
        }
        return transcript.segments[index]
    }

    /// A repeat's try: a recording of the learner's own, other than the one practised.
    func tryRecording(_ id: String, person: Person, exercise: Recording) async throws -> Recording {
        guard let own = try await library.metadata.recording(id: id), own.ownerId == person.id, own.id != exercise.id else {
            throw ServiceError.invalidField("answer.recordingId", "not a recording of yours: upload the try first (POST /api/recordings)")
        }
        return own
    }
}

import Exercises
import Foundation
import Hummingbird
import Services
import Storage
import Transcripts

/// `POST /api/attempts`: a learner's answer to an exercise, scored and stored, moving their
/// progress; `GET /api/attempts/{id}` reads one back.
struct AttemptsController: Sendable {
    let library: RecordingLibrary
    let exercises: ExercisesController

    /// An attempt body is small; this leaves room for an absurdly long answer to be refused by
    /// field (`422 answer.text`) rather than by size.
    static let maxBodyBytes = 1 << 20

    func addRoutes(to router: Router<ParlonsRequestContext>) {
        router.post("/api/attempts", use: create)
        router.get("/api/attempts/{id}", use: show)
    }

    @Sendable func create(request: Request, context: ParlonsRequestContext) async throws -> Response {
        let person = try context.requirePerson()
        let body = try AttemptRequest(try await JSONValue.object(from: request, limit: Self.maxBodyBytes))
        guard ResourceID.isValid(body.recordingId),
              let recording = try await library.metadata.recording(id: body.recordingId, visibleTo: context.viewer) else {
            throw APIError.invalidField("recordingId", "no recording you may hear has the id '\(body.recordingId.prefix(40))'")
        }
        var stored: StoredTranscript?
        var segment: TranscriptSegment?
        if body.kind.needsTranscript {
            let found = try await exercises.transcription(of: recording, language: body.language, revision: body.revision) { language in
                APIError.invalidField("language", "recording \(recording.id) has no \(language) transcription")
            }
            stored = found
            segment = try Self.segment(body, of: found.transcript)
        } else if body.segment != nil {
            throw APIError.invalidField("segment", "listening is for the whole recording: leave it out")
        }
        let progress = try await library.stores.progress.progress(personId: person.id, recordingId: recording.id, step: body.step)
        let level = body.level ?? progress?.level ?? .beginner
        let language = stored?.transcript.language ?? body.language ?? recording.language
        var attempt = Attempt(personId: person.id, recordingId: recording.id, step: body.step, language: language, revision: stored?.revision,
                              kind: body.kind, segment: segment == nil ? nil : body.segment, level: level, answer: AttemptAnswer())
        let scorer = AnswerScorer(language: language, level: level)
        var tryDurationMs: Int?
        switch (body.kind, segment, body.segment) {
        case (.gapFill, let segment?, let index?):
            let choices = try body.choices(wordCount: segment.words.count, segment: index)
            attempt.answer = AttemptAnswer(choices: choices.map { .init(word: $0.word, text: $0.text) })
            let scored = scorer.score(choices: choices, against: segment)
            (attempt.marks, attempt.score) = (scored.marks, scored.score)
        case (.dictation, let segment?, _):
            let text = try body.text()
            // Many times more words than were said is not an answer, and would only cost time to align.
            let limit = 4 * segment.words.count + 20
            guard Tokenizer().tokens(in: text).count <= limit else {
                throw APIError.invalidField("answer.text", "more than \(limit) words for a phrase of \(segment.words.count)")
            }
            attempt.answer = AttemptAnswer(text: text)
            let scored = scorer.score(text: text, against: segment)
            (attempt.marks, attempt.score) = (scored.marks, scored.score)
        case (.repeat, _, _):
            let own = try await tryRecording(body, person: person, exercise: recording)
            attempt.answer = AttemptAnswer(recordingId: own.id)
            attempt.tryRecordingId = own.id
            tryDurationMs = own.durationMs
        default:
            // Listening and reading along are recorded as done; per-segment kinds always have
            // their segment here (checked above).
            break
        }
        let recorded = try await library.stores.progress.record(attempt)
        let response = AttemptResponse(recorded.attempt, segment: segment, tryDurationMs: tryDurationMs, progress: recorded)
        return try created201(response, location: "/api/attempts/\(attempt.id)", request: request, context: context)
    }

    @Sendable func show(request: Request, context: ParlonsRequestContext) async throws -> AttemptResponse {
        let actor = try context.requirePerson()
        let id = context.parameters.get("id") ?? ""
        guard ResourceID.isValid(id), let attempt = try await library.stores.progress.attempt(id: id),
              try await Authority(stores: library.stores).mayFollowProgress(of: attempt.personId, actor: actor) else {
            throw APIError.notFound("attempt \(id.prefix(40))")
        }
        var segment: TranscriptSegment?
        if let index = attempt.segment, let revision = attempt.revision,
           let stored = try await library.stores.transcripts.transcript(recordingId: attempt.recordingId, language: attempt.language, revision: revision),
           stored.transcript.segments.indices.contains(index) {
            segment = stored.transcript.segments[index]
        }
        var tryDurationMs: Int?
        if let id = attempt.tryRecordingId {
            tryDurationMs = try await library.metadata.recording(id: id, visibleTo: context.viewer)?.durationMs
        }
        return AttemptResponse(attempt, segment: segment, tryDurationMs: tryDurationMs)
    }

    /// The segment an attempt is about: required (and checked) for per-segment kinds, optional
    /// for reading along.
    static func segment(_ body: AttemptRequest, of transcript: Transcript) throws -> TranscriptSegment? {
        guard let index = body.segment else {
            if body.kind.isPerSegment { throw APIError.invalidField("segment", "which segment was practised: a whole number from 0") }
            return nil
        }
        guard transcript.segments.indices.contains(index) else {
            throw ExercisesController.noSegment(index, count: transcript.segments.count, field: "segment")
        }
        return transcript.segments[index]
    }

    /// A repeat's try: a recording of the learner's own, other than the one practised.
    func tryRecording(_ body: AttemptRequest, person: Person, exercise: Recording) async throws -> Recording {
        let id = try body.tryRecordingId()
        guard let own = try await library.metadata.recording(id: id), own.ownerId == person.id, own.id != exercise.id else {
            throw APIError.invalidField("answer.recordingId", "not a recording of yours: upload the try first (POST /api/recordings)")
        }
        return own
    }
}

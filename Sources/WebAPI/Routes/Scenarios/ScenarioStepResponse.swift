import ScenarioFormat
import Storage
import Transcripts

/// One step as a player needs it: its audio ready to play, the exercise to open, and how far the
/// caller got with it.
struct ScenarioStepResponse: Codable, Sendable {
    /// Audio a step plays, in every form it can be fetched.
    struct Audio: Codable, Sendable {
        let recordingId: String
        let opus: String
        let wav: String
        let caf: String
        /// The timed transcript, when the audio has one in the step's language.
        let transcript: String?

        init(recordingId: String, language: String, timed: Bool) {
            self.recordingId = recordingId
            opus = MediaURL.opus(recordingId)
            wav = MediaURL.wav(recordingId)
            caf = MediaURL.caf(recordingId)
            transcript = timed ? "/api/recordings/\(recordingId)/transcripts/\(language)" : nil
        }
    }

    let id: String
    /// The key attempts and progress are kept under (`?step=` of the exercises API).
    let key: String
    let kind: ScenarioStepKind
    let title: String?
    let text: String?
    let language: String
    let level: Int?
    let prompt: Audio?
    let recording: Audio?
    /// The exercise to open (exercise steps).
    let exercise: String?
    /// Where to say the step is done (steps without attempts: listen, record, talk).
    let done: String?
    /// Whether the caller has done it (nil when not signed in).
    let completed: Bool?
    /// The answer recording of a record step.
    let answer: String?
    let attempts: Int?
    let bestScore: Int?

    init(step: ScenarioStep, slug: String, recordingIds: [ScenarioMedia: String], progress: ScenarioProgress?) {
        id = step.id
        key = "\(slug)/\(step.id)"
        kind = step.kind
        title = step.title
        text = step.text
        language = step.language
        level = step.level
        prompt = step.prompt.flatMap { recordingIds[$0] }.map { Audio(recordingId: $0, language: step.language, timed: step.text != nil) }
        let recordingId = step.recording.flatMap { recordingIds[$0] }
        recording = recordingId.map { Audio(recordingId: $0, language: step.language, timed: true) }
        if let recordingId, let exercise = step.kind.exercise {
            var url = "/api/recordings/\(recordingId)/exercises/\(exercise.rawValue)?lang=\(step.language)&step=\(key)"
            if let level = step.level { url += "&level=\(level)" }
            self.exercise = url
        } else {
            exercise = nil
        }
        done = step.kind.exercise == nil || recordingId == nil ? "/api/scenarios/\(slug)/steps/\(step.id)/done" : nil
        let state = progress?.steps[step.id]
        completed = progress.map { _ in state?.completed ?? false }
        answer = state?.answer
        attempts = progress.map { _ in state?.attempts ?? 0 }
        bestScore = state?.bestScore
    }
}

import Exercises
import Foundation
import Hummingbird
import Services
import Storage
import Transcripts

/// `GET /api/recordings/{id}/exercises/{kind}`: the five exercises of the learning path, made on
/// the fly from the recording's timed transcription (``ExerciseService``). Anyone who may hear the
/// recording may practise on it.
struct ExercisesController: Sendable {
    let service: ExerciseService
    let recordings: RecordingsController

    init(library: RecordingLibrary, recordings: RecordingsController) {
        service = ExerciseService(library: library)
        self.recordings = recordings
    }

    func addRoutes(to router: Router<ParlonsRequestContext>) {
        router.get("/api/recordings/{id}/exercises/{kind}", use: exercise)
    }

    @Sendable func exercise(request: Request, context: ParlonsRequestContext) async throws -> Response {
        let recording = try await recordings.existing(context)
        let rawKind = context.parameters.get("kind") ?? ""
        guard let kind = ExerciseKind(rawValue: rawKind) else {
            throw APIError.notFound("exercise '\(rawKind.prefix(20))' (listen, read-along, gap-fill, dictation or repeat)")
        }
        let address = try ExerciseAddress(request.uri.queryParameters)
        let level = try await service.level(address.level, recording: recording, step: address.step, person: context.identity?.person)
        if kind == .listen {
            return try await listen(recording, level: level, address: address).response(from: request, context: context)
        }
        let stored = try await service.timedTranscription(of: recording, language: address.language, segment: address.segment)
        let transcript = stored.transcript
        let segment = address.segment ?? 0
        let template = AttemptTemplate(kind: kind, recordingId: recording.id, language: transcript.language, revision: stored.revision,
                                       segment: kind == .readAlong ? address.segment : segment, level: level.rawValue,
                                       step: address.step.isEmpty ? nil : address.step, answer: nil)
        switch kind {
        case .readAlong:
            return try readAlong(stored, recording: recording, only: address.segment, level: level, template: template)
                .response(from: request, context: context)
        case .gapFill:
            let seed = address.seed ?? UInt64.random(in: 0..<ExerciseAddress.seedLimit)
            return try await gapFill(stored, recording: recording, segment: segment, level: level, seed: seed, template: template,
                                     context: context).response(from: request, context: context)
        default:
            return try phrase(kind, stored, recording: recording, segment: segment, level: level, template: template)
                .response(from: request, context: context)
        }
    }

    func listen(_ recording: Recording, level: ExerciseLevel, address: ExerciseAddress) async throws -> ListenExerciseResponse {
        let picture = try await service.picturedGroup(of: recording).map { group in
            ListenExerciseResponse.Picture(key: group.picture, url: group.picturePhoto.map { _ in "/api/groups/\(group.id)/picture" })
        }
        let stored = try? await service.transcription(of: recording, language: address.language)
        let segments = stored.flatMap { stored in
            stored.transcript.isFullyTimed ? stored.transcript.segments.enumerated().map { index, segment in
                ListenExerciseResponse.SegmentTime(index: index, startMs: segment.startMs ?? 0, endMs: segment.endMs ?? 0)
            } : nil
        }
        return ListenExerciseResponse(
            kind: .listen, recordingId: recording.id, title: recording.title, language: recording.language, durationMs: recording.durationMs,
            level: level.rawValue,
            audio: AudioSliceResponse(AudioSlice(recordingId: recording.id, startMs: 0, endMs: recording.durationMs)),
            media: MediaURL.all(recording.id),
            picture: picture, slowPlaybackRate: 0.75, segments: segments,
            attempt: AttemptTemplate(kind: .listen, recordingId: recording.id, language: stored?.transcript.language ?? recording.language,
                                     revision: nil, segment: nil, level: level.rawValue, step: address.step.isEmpty ? nil : address.step,
                                     answer: nil))
    }

    func readAlong(_ stored: StoredTranscript, recording: Recording, only: Int?, level: ExerciseLevel,
                   template: AttemptTemplate) throws -> ReadAlongExerciseResponse {
        let transcript = stored.transcript
        let indices = only.map { [$0] } ?? Array(transcript.segments.indices)
        let segments = try indices.map { index -> ReadAlongExerciseResponse.Segment in
            let segment = transcript.segments[index]
            guard segment.words.allSatisfy(\.isTimed), let audio = AudioSliceResponse(recordingId: recording.id, startMs: segment.startMs,
                                                                                      endMs: segment.endMs) else {
                throw ExerciseService.wordsNotTimed(index)
            }
            let words = segment.words.enumerated().map { position, word in
                ReadAlongExerciseResponse.Word(index: position, text: word.text, offset: word.offset, length: word.length,
                                               audio: AudioSliceResponse(AudioSlice(recordingId: recording.id, startMs: word.startMs!,
                                                                                    endMs: word.endMs!)))
            }
            return .init(index: index, text: segment.text, audio: audio, words: words)
        }
        return ReadAlongExerciseResponse(kind: .readAlong, recordingId: recording.id, language: transcript.language, revision: stored.revision,
                                         level: level.rawValue, segments: segments, segmentCount: transcript.segments.count,
                                         nextSegment: only.flatMap { $0 + 1 < transcript.segments.count ? $0 + 1 : nil },
                                         attempt: template)
    }

    func phrase(_ kind: ExerciseKind, _ stored: StoredTranscript, recording: Recording, segment index: Int, level: ExerciseLevel,
                template: AttemptTemplate) throws -> PhraseExerciseResponse {
        let transcript = stored.transcript
        let segment = transcript.segments[index]
        guard let audio = AudioSliceResponse(recordingId: recording.id, startMs: segment.startMs, endMs: segment.endMs) else {
            throw ExerciseService.notTimed(transcript.language)
        }
        var template = template
        var upload: PhraseExerciseResponse.Upload?
        if kind == .repeat {
            template = template.with(answer: .init(recordingId: ""))
            let title = "\(recording.title) – \(index + 1)".addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
            upload = .init(method: "POST", url: "/api/recordings?language=\(transcript.language)&title=\(title)")
        } else {
            template = template.with(answer: .init(text: ""))
        }
        return PhraseExerciseResponse(kind: kind, recordingId: recording.id, language: transcript.language, revision: stored.revision,
                                      level: level.rawValue, segment: index, segmentCount: transcript.segments.count,
                                      nextSegment: index + 1 < transcript.segments.count ? index + 1 : nil, audio: audio,
                                      wordCount: segment.words.count, text: kind == .repeat && level > .beginner ? segment.text : nil,
                                      upload: upload, attempt: template)
    }
}

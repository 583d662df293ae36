import Exercises
import Foundation
import Hummingbird
import Services
import Storage
import Transcripts

extension ExercisesController {
    /// A gap-fill of one segment (``ExerciseService/gapFill(_:recording:segment:level:seed:viewer:)``), as JSON.
    func gapFill(_ stored: StoredTranscript, recording: Recording, segment index: Int, level: ExerciseLevel, seed: UInt64,
                 template: AttemptTemplate, context: ParlonsRequestContext) async throws -> GapFillExerciseResponse {
        let transcript = stored.transcript
        let exercise = try await service.gapFill(stored, recording: recording, segment: index, level: level, seed: seed, viewer: context.viewer)
        let segment = transcript.segments[index]
        let gaps = exercise.gaps.enumerated().map { number, gap in
            GapFillExerciseResponse.Gap(gap: number, word: gap.word, prefix: gap.prefix,
                                        options: gap.options.map { .init(text: $0.text, audio: AudioSliceResponse($0.slice)) })
        }
        return GapFillExerciseResponse(
            kind: .gapFill, recordingId: recording.id, language: transcript.language, revision: stored.revision, level: level.rawValue,
            seed: seed, segment: index, segmentCount: transcript.segments.count,
            nextSegment: index + 1 < transcript.segments.count ? index + 1 : nil,
            audio: AudioSliceResponse(AudioSlice(recordingId: recording.id, startMs: segment.startMs!, endMs: segment.endMs!)),
            pieces: exercise.pieces.map(GapFillExerciseResponse.Piece.init), gaps: gaps,
            attempt: template.with(answer: .init(choices: exercise.gaps.map { .init(word: $0.word, text: nil) })))
    }
}

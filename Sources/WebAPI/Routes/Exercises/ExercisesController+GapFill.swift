import Exercises
import Foundation
import Hummingbird
import Storage
import Transcripts

extension ExercisesController {
    /// A gap-fill of one segment, with wrong tiles from this transcript and the group's other
    /// transcriptions in the same language that the caller may hear.
    func gapFill(_ stored: StoredTranscript, recording: Recording, segment index: Int, level: ExerciseLevel, seed: UInt64,
                 template: AttemptTemplate, context: ParlonsRequestContext) async throws -> GapFillExerciseResponse {
        let transcript = stored.transcript
        guard transcript.segments[index].words.allSatisfy(\.isTimed) else { throw Self.wordsNotTimed(index) }
        var pool = DistractorPool(language: transcript.language)
        pool.add(transcript, recordingId: recording.id)
        if let groupId = recording.groupId {
            for other in try await library.stores.transcripts.groupTranscriptions(groupId: groupId, language: transcript.language, excluding: recording.id,
                                                                          visibleTo: context.viewer, limit: Self.poolRecordings) {
                pool.add(other.transcript, recordingId: other.recordingId)
            }
        }
        let exercise = GapFillGenerator(language: transcript.language, level: level)
            .make(segment: index, of: transcript, recordingId: recording.id, pool: pool, seed: seed)
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

import Foundation
import Hummingbird
import Services
import Storage
import Transcripts

extension RecordingsController {
    /// The body of `PATCH …/transcripts/{lang}/timings`: either a trainer's taps while listening
    /// (word start times in reading order, from `from` on), or one boundary moved.
    struct TimingsPatch: Decodable {
        struct Position: Decodable {
            let segment: Int
            let word: Int?
        }

        struct Move: Decodable {
            /// `wordStart`, `wordEnd`, `segmentStart` or `segmentEnd`.
            let edge: String
            let segment: Int
            let word: Int?
            let ms: Int
            /// Move only this boundary, not the one sharing its instant.
            let alone: Bool?
        }

        let taps: [Int]?
        let from: Position?
        let move: Move?
    }

    /// `PATCH /api/recordings/{id}/transcripts/{lang}/timings`: manual marks. The transcript keeps
    /// its invariants (ends follow starts, nothing overlaps, nothing passes the recording's end);
    /// each patch is a new revision.
    @Sendable func patchTimings(request: Request, context: ParlonsRequestContext) async throws -> Response {
        let recording = try await managed(context)
        let language = try Self.languageTag(context.parameters.get("lang") ?? "")
        let patch = try await request.decodeJSON(TimingsPatch.self, context: context)
        let durationMs = recording.durationMs
        let edit: (inout Transcript) throws -> Void
        switch (patch.taps, patch.move) {
        case (let taps?, nil):
            guard taps.count <= 100_000 else { throw APIError.invalidField("taps", "at most 100000 taps at once") }
            let first = WordPosition(segment: patch.from?.segment ?? 0, word: patch.from?.word ?? 0)
            edit = { try $0.applyTaps(taps, from: first, recordingDurationMs: durationMs) }
        case (nil, let move?):
            let boundary = try Self.boundary(move)
            edit = { try $0.moveBoundary(boundary, to: move.ms, recordingDurationMs: durationMs, alone: move.alone ?? false) }
        default:
            throw APIError.invalidField("body", "give either \"taps\" (word start times in ms) or \"move\" (one boundary)")
        }
        let stored = try await transcriptService.editTimings(of: recording, language: language, authorId: context.identity?.person.id,
                                                             expectedRevision: try request.expectedRevision(), edit)
        return try saved(stored, on: recording, request: request, context: context)
    }

    static func boundary(_ move: TimingsPatch.Move) throws -> TimingBoundary {
        func word() throws -> WordPosition {
            guard let word = move.word else { throw APIError.invalidField("move.word", "a word boundary needs the word's index") }
            return WordPosition(segment: move.segment, word: word)
        }
        switch move.edge {
        case "wordStart": return .wordStart(try word())
        case "wordEnd": return .wordEnd(try word())
        case "segmentStart": return .segmentStart(move.segment)
        case "segmentEnd": return .segmentEnd(move.segment)
        default: throw APIError.invalidField("move.edge", "wordStart, wordEnd, segmentStart or segmentEnd")
        }
    }
}

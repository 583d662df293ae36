import Foundation
import Hummingbird
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
        guard var transcript = try await library.stores.transcripts.transcript(recordingId: recording.id, language: language)?.transcript else {
            throw APIError.notFound("\(language) transcript")
        }
        do {
            switch (patch.taps, patch.move) {
            case (let taps?, nil):
                guard taps.count <= 100_000 else { throw APIError.invalidField("taps", "at most 100000 taps at once") }
                let first = WordPosition(segment: patch.from?.segment ?? 0, word: patch.from?.word ?? 0)
                try transcript.applyTaps(taps, from: first, recordingDurationMs: recording.durationMs)
            case (nil, let move?):
                try transcript.moveBoundary(try Self.boundary(move), to: move.ms, recordingDurationMs: recording.durationMs,
                                            alone: move.alone ?? false)
            default:
                throw APIError.invalidField("body", "give either \"taps\" (word start times in ms) or \"move\" (one boundary)")
            }
        } catch let error as TimingEditError {
            throw APIError(.unprocessableContent, code: "invalid_timings", message: error.description)
        }
        return try await save(transcript, on: recording, change: .timings, request: request, context: context)
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

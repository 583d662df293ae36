import Foundation
import Hummingbird
import Services
import Storage

/// `GET /api/search?q=…&lang=…`: recordings whose transcripts match, only those the caller may hear.
struct SearchController: Sendable {
    let library: RecordingLibrary

    struct Result: Codable {
        let recordingId: String
        let language: String
        let segment: Int
        /// Where the matching phrase starts, to jump there (absent while the transcript is untimed).
        let startMs: Int?
        let snippet: String
        /// `[offset, length]` of each matched word in `snippet`, in UTF-16 code units.
        let matches: [[Int]]
        let transcriptUrl: String
        let audioUrl: String
    }

    struct Results: Encodable, Sendable {
        let query: String
        let results: [Result]
    }

    func addRoutes(to router: Router<ParlonsRequestContext>) {
        router.get("/api/search", use: search)
    }

    @Sendable func search(request: Request, context: ParlonsRequestContext) async throws -> Results {
        let parameters = request.uri.queryParameters
        guard let query = parameters["q"].map(String.init), !query.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw APIError.invalidParameter("q", "the words to search for")
        }
        guard query.count <= 200 else { throw APIError.invalidParameter("q", "at most 200 characters") }
        let language = try parameters["lang"].map { try RecordingsController.languageTag(String($0)) }
        var limit = 20
        if let raw = parameters["limit"] {
            guard let value = Int(raw), (1...100).contains(value) else { throw APIError.invalidParameter("limit", "a whole number from 1 to 100") }
            limit = value
        }
        let hits = try await TranscriptService(library: library, work: nil).search(query, language: language, visibleTo: context.viewer, limit: limit)
        return Results(query: query, results: hits.map {
            Result(recordingId: $0.recordingId, language: $0.language, segment: $0.segment, startMs: $0.startMs, snippet: $0.snippet,
                   matches: $0.matches, transcriptUrl: "/api/recordings/\($0.recordingId)/transcripts/\($0.language)",
                   audioUrl: MediaURL.opus($0.recordingId))
        })
    }
}

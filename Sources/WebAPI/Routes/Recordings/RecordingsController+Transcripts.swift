import Foundation
import Hummingbird
import Services
import Storage
import Transcripts

extension RecordingsController {
    /// Transcripts are small text files; this bounds what one upload may hold.
    static let maxTranscriptBytes = 4 * 1_024 * 1_024

    /// `GET /api/recordings/{id}/transcripts`: the current revision of each language's transcript.
    @Sendable func transcripts(request: Request, context: ParlonsRequestContext) async throws -> TranscriptListResponse {
        let recording = try await existing(context)
        let stored = try await transcriptService.transcripts(of: recording)
        return TranscriptListResponse(transcripts: stored.map(TranscriptSummaryResponse.init))
    }

    /// `GET /api/recordings/{id}/transcripts/{lang}[.vtt|.srt|.TextGrid|.eaf|.txt|.json]`: our JSON
    /// unless the extension or `Accept` asks for a file format; `?revision=N` reads an older one.
    @Sendable func transcript(request: Request, context: ParlonsRequestContext) async throws -> Response {
        let recording = try await existing(context)
        let (language, named) = try transcriptAddress(context)
        var revision: Int?
        if let raw = request.uri.queryParameters["revision"] {
            guard let value = Int(raw), value > 0 else { throw APIError.invalidParameter("revision", "a whole number from 1") }
            revision = value
        }
        let stored = try await transcriptService.transcript(of: recording, language: language, revision: revision)
        let format = named ?? Self.negotiatedFormat(request.headers[.accept])
        if format == .json {
            let response = try TranscriptResponse(stored).response(from: request, context: context)
            var headers = response.headers
            headers[.eTag] = TranscriptResponse.entityTag(stored.revision)
            headers[.cacheControl] = "no-cache"
            return Response(status: .ok, headers: headers, body: response.body)
        }
        let text = try transcriptService.render(stored, as: format, recording: recording)
        return Response(status: .ok, headers: [
            .contentType: format.mimeType, .eTag: TranscriptResponse.entityTag(stored.revision), .cacheControl: "no-cache",
            .contentDisposition: "inline; filename=\"\(recording.id)-\(language).\(format.fileExtension)\"",
        ], body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    /// `PUT /api/recordings/{id}/transcripts/{lang}`: plain text, our JSON, WebVTT, SRT, TextGrid or
    /// EAF, recognised from the content. A new revision each time; `If-Match: "rN"` makes it fail
    /// with 412 if someone saved since revision N.
    @Sendable func putTranscript(request: Request, context: ParlonsRequestContext) async throws -> Response {
        let recording = try await managed(context)
        let (language, named) = try transcriptAddress(context)
        guard named == nil else { throw APIError.notFound("/api/recordings/\(recording.id)/transcripts/\(language).\(named!.fileExtension) (PUT to …/\(language))") }
        let kind = try request.uri.queryParameters["kind"].map { raw in
            guard let kind = TranscriptKind(rawValue: String(raw)) else {
                throw APIError.invalidParameter("kind", "transcription or translation")
            }
            return kind
        }
        let text = try await Self.transcriptText(request)
        let stored = try await transcriptService.importText(text, into: recording, language: language, kind: kind,
                                                            authorId: context.identity?.person.id, expectedRevision: try request.expectedRevision())
        return try saved(stored, on: recording, request: request, context: context)
    }

    /// `DELETE /api/recordings/{id}/transcripts/{lang}`: the transcript and all its revisions.
    @Sendable func deleteTranscript(request: Request, context: ParlonsRequestContext) async throws -> Response {
        let recording = try await managed(context)
        let (language, named) = try transcriptAddress(context)
        guard named == nil else { throw APIError.notFound("\(language) transcript") }
        try await transcriptService.delete(language: language, of: recording)
        return Response(status: .noContent)
    }

    /// `GET /api/recordings/{id}/transcripts/{lang}/revisions`: who changed what, when.
    @Sendable func transcriptRevisions(request: Request, context: ParlonsRequestContext) async throws -> TranscriptRevisionsResponse {
        let recording = try await existing(context)
        let language = try Self.languageTag(context.parameters.get("lang") ?? "")
        let revisions = try await transcriptService.revisions(of: recording, language: language)
        return TranscriptRevisionsResponse(revisions: revisions.map {
            .init(revision: $0.revision, kind: $0.kind, change: $0.change, authorId: $0.authorId, createdAt: ISO8601.string($0.createdAt),
                  url: "/api/recordings/\(recording.id)/transcripts/\(language)?revision=\($0.revision)")
        })
    }

    /// The answer to a saved revision: 201 for the first one, 200 after, with its ETag.
    func saved(_ stored: StoredTranscript, on recording: Recording, request: Request, context: ParlonsRequestContext) throws -> Response {
        let response = try TranscriptResponse(stored).response(from: request, context: context)
        var headers = response.headers
        headers[.eTag] = TranscriptResponse.entityTag(stored.revision)
        headers[.location] = "/api/recordings/\(recording.id)/transcripts/\(stored.transcript.language)"
        return Response(status: stored.revision == 1 ? .created : .ok, headers: headers, body: response.body)
    }

    /// `{lang}` of a transcript route: the language tag, and the format its extension names (`fr.vtt`).
    func transcriptAddress(_ context: ParlonsRequestContext) throws -> (String, TranscriptFormat?) {
        let file = context.parameters.get("lang") ?? ""
        guard let dot = file.firstIndex(of: ".") else { return (try Self.languageTag(file), nil) }
        guard let format = TranscriptFormat(fileExtension: String(file[file.index(after: dot)...])) else {
            throw APIError.notFound("transcript format '\(file[file.index(after: dot)...].prefix(20))'")
        }
        return (try Self.languageTag(String(file[..<dot])), format)
    }

    /// The path's language tag in its canonical case (`fr`, `ar-MA`, `sr-Latn`), so `FR` and `fr`
    /// are one transcript.
    static func languageTag(_ raw: String) throws -> String {
        guard let tag = LanguageTag.canonical(raw) else {
            throw APIError.invalidParameter("language", "'\(raw.prefix(40))' is not a BCP 47 language tag")
        }
        return tag
    }

    /// The format an `Accept` header prefers among ours; JSON when it names none of them.
    static func negotiatedFormat(_ accept: String?) -> TranscriptFormat {
        guard let accept else { return .json }
        for part in accept.split(separator: ",") {
            let type = part.split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
            switch type {
            case "text/vtt": return .webVTT
            case "application/x-subrip", "text/srt": return .srt
            case "application/xml", "text/xml", "application/x-eaf+xml": return .eaf
            case "application/json": return .json
            default: continue
            }
        }
        return .json
    }

    /// The body as UTF-8 text (a BOM is allowed), at most `maxTranscriptBytes`.
    static func transcriptText(_ request: Request) async throws -> String {
        let bytes = Array((try await request.collectBody(upTo: maxTranscriptBytes, what: "transcripts")).readableBytesView)
        guard !bytes.isEmpty else { throw APIError(.badRequest, code: "empty_body", message: "the request has no transcript in its body") }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw APIError(.badRequest, code: "invalid_encoding", message: "transcripts must be UTF-8 text")
        }
        return text
    }
}

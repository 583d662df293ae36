import Foundation
import Hummingbird
import Services
import Storage
import Transcripts

extension ScenariosController {
    @Sendable func revisions(request: Request, context: ParlonsRequestContext) async throws -> ScenarioRevisionsResponse {
        let record = try await visible(context).record
        let all = try await service.revisions(of: record)
        return ScenarioRevisionsResponse(slug: record.slug, current: record.currentRevision,
                                         revisions: all.map { ScenarioRevisionResponse($0, withBody: false) })
    }

    /// One revision, whole; its Markdown alone with `Accept: text/markdown`.
    @Sendable func revision(request: Request, context: ParlonsRequestContext) async throws -> Response {
        let record = try await visible(context).record
        let revision = try await stored(record.slug, context.parameters.get("number"), name: "revision")
        if request.headers[.accept]?.contains("text/markdown") == true { return Self.markdown(revision.body, revision: revision.number) }
        return try ScenarioRevisionResponse(revision, withBody: true).response(from: request, context: context)
    }

    /// `GET /api/scenarios/{slug}/diff?from=N&to=M` (to: the current revision, from: the one
    /// before it): the line changes, as JSON or, with `Accept: text/x-diff`, a unified diff.
    @Sendable func diff(request: Request, context: ParlonsRequestContext) async throws -> Response {
        let record = try await visible(context).record
        let query = request.uri.queryParameters
        let to = try await stored(record.slug, query["to"].map(String.init) ?? String(record.currentRevision), name: "to")
        let from = try await stored(record.slug, query["from"].map(String.init) ?? String(max(1, to.number - 1)), name: "from")
        let body = ScenarioDiffResponse(slug: record.slug, from: from.number, to: to.number, diff: LineDiff(from: from.body, to: to.body))
        if request.headers[.accept]?.contains("text/x-diff") == true {
            return Response(status: .ok, headers: [.contentType: "text/x-diff; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: body.unified)))
        }
        return try body.response(from: request, context: context)
    }

    private func stored(_ slug: String, _ raw: String?, name: String) async throws -> ScenarioRevision {
        guard let raw, let number = Int(raw), number >= 1 else { throw APIError.invalidParameter(name, "a revision number from 1") }
        return try await service.revision(number, of: slug)
    }
}

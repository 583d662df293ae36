import Foundation
import Hummingbird
import ScenarioFormat
import Services
import Storage
import Transcripts

/// Scenarios (``ScenarioService``): listing and playing them (`GET /api/scenarios`,
/// `GET /api/scenarios/{slug}`, steps done), editing them wiki-style (create, save, revisions, diff,
/// revert, copy, visibility), and the problems found in the shipped files.
struct ScenariosController: Sendable {
    let service: ScenarioService
    /// What was wrong with the shipped files at start-up.
    let fileProblems: [ScenarioFileProblem]

    static let maxBodyBytes = ScenarioParser.maximumBytes

    func addRoutes(to router: Router<ParlonsRequestContext>) {
        router.get("/api/scenarios", use: list)
        router.post("/api/scenarios", use: create)
        router.get("/api/scenarios/problems", use: problems)
        router.get("/api/scenarios/{slug}", use: show)
        router.put("/api/scenarios/{slug}", use: save)
        router.patch("/api/scenarios/{slug}", use: update)
        router.get("/api/scenarios/{slug}/revisions", use: revisions)
        router.get("/api/scenarios/{slug}/revisions/{number}", use: revision)
        router.get("/api/scenarios/{slug}/diff", use: diff)
        router.post("/api/scenarios/{slug}/revert", use: revert)
        router.post("/api/scenarios/{slug}/copy", use: copy)
        router.get("/api/scenarios/{slug}/picture", use: picture)
        router.post("/api/scenarios/{slug}/steps/{step}/done", use: stepDone)
    }

    // MARK: reading

    @Sendable func list(request: Request, context: ParlonsRequestContext) async throws -> ScenarioListResponse {
        var summaries: [ScenarioSummaryResponse] = []
        for (record, scenario) in try await service.scenarios(visibleTo: context.viewer) {
            summaries.append(ScenarioSummaryResponse(record, scenario, recordingIds: try await service.recordingIds(of: scenario)))
        }
        return ScenarioListResponse(scenarios: summaries)
    }

    /// The scenario with its steps and the caller's progress; its Markdown with `Accept: text/markdown`.
    @Sendable func show(request: Request, context: ParlonsRequestContext) async throws -> Response {
        let loaded = try await visible(context)
        if request.headers[.accept]?.contains("text/markdown") == true {
            return Self.markdown(loaded.revision.body, revision: loaded.revision.number)
        }
        return try await response(loaded, request: request, context: context)
    }

    @Sendable func problems(request: Request, context: ParlonsRequestContext) async throws -> ScenarioProblemsResponse {
        _ = try context.requireRole(.trainer, .admin)
        let conflicts = try await service.seedConflicts()
        return ScenarioProblemsResponse(
            problems: fileProblems + conflicts.map { ScenarioFileProblem(file: $0.seedFile, problem: ScenarioSeeder.conflictProblem($0)) },
            conflicts: conflicts.map {
                .init(slug: $0.slug, file: $0.seedFile, currentRevision: $0.currentRevision, detectedAt: ISO8601.string($0.detectedAt),
                      fileBody: $0.fileBody, fromSync: $0.isFromSync)
            })
    }

    @Sendable func picture(request: Request, context: ParlonsRequestContext) async throws -> Response {
        guard let file = service.picture(of: try await visible(context).scenario) else { throw APIError.notFound("picture") }
        let (path, data) = file
        let types = ["svg": "image/svg+xml", "png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg", "webp": "image/webp"]
        var headers: HTTPFields = [
            .contentType: types[(path as NSString).pathExtension.lowercased()] ?? "application/octet-stream",
            .cacheControl: "public, max-age=3600",
            // An SVG opened on its own runs no script.
            .contentSecurityPolicy: "default-src 'none'; style-src 'unsafe-inline'",
        ]
        headers[.xContentTypeOptions] = "nosniff"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    // MARK: shared

    /// The scenario at `{slug}` if the caller may see it, with its current revision parsed.
    func visible(_ context: ParlonsRequestContext) async throws -> ScenarioService.Loaded {
        try await service.scenario(slug: context.parameters.get("slug") ?? "", visibleTo: context.viewer)
    }

    func response(_ loaded: ScenarioService.Loaded, request: Request, context: ParlonsRequestContext,
                  status: HTTPResponse.Status = .ok) async throws -> Response {
        var progress: ScenarioProgress?
        if let person = context.identity?.person {
            let found = try await service.progress(of: person, in: loaded.record)
            progress = ScenarioProgress(done: found.done, scores: found.scores)
        }
        let body = ScenarioResponse(record: loaded.record, revision: loaded.revision, scenario: loaded.scenario,
                                    recordingIds: try await service.recordingIds(of: loaded.scenario), progress: progress)
        var response = try body.response(from: request, context: context)
        response.status = status
        response.headers[.eTag] = TranscriptResponse.entityTag(loaded.revision.number)
        response.headers[.location] = "/api/scenarios/\(loaded.record.slug)"
        return response
    }

    static func markdown(_ body: String, revision: Int) -> Response {
        Response(status: .ok, headers: [.contentType: "text/markdown; charset=utf-8", .eTag: TranscriptResponse.entityTag(revision)],
                 body: .init(byteBuffer: ByteBuffer(string: body)))
    }
}

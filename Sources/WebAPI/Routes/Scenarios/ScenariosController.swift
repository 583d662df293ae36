import Foundation
import Hummingbird
import ScenarioFormat
import Services
import Storage
import Transcripts

/// Scenarios: listing and playing them (`GET /api/scenarios`, `GET /api/scenarios/{slug}`, steps
/// done), editing them wiki-style (create, save, revisions, diff, revert, copy, visibility), and
/// the problems found in the shipped files.
struct ScenariosController: Sendable {
    let library: RecordingLibrary
    let folder: ScenarioFolder
    let resolver: ScenarioMediaResolver
    /// What was wrong with the shipped files at start-up.
    let fileProblems: [ScenarioFileProblem]

    static let maxBodyBytes = ScenarioParser.maximumBytes
    /// Slugs that are paths of their own.
    static let reservedSlugs: Set<String> = ["problems"]

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
        for (record, revision) in try await library.stores.scenarios.scenarios(visibleTo: context.viewer) {
            // A stored revision always parsed when it was saved; one that no longer does is skipped.
            guard let scenario = try? ScenarioParser.parse(revision.body) else { continue }
            summaries.append(ScenarioSummaryResponse(record, scenario, recordingIds: try await resolver.recordingIds(of: scenario)))
        }
        return ScenarioListResponse(scenarios: summaries)
    }

    /// The scenario with its steps and the caller's progress; its Markdown with `Accept: text/markdown`.
    @Sendable func show(request: Request, context: ParlonsRequestContext) async throws -> Response {
        let (record, revision, scenario) = try await visible(context)
        if request.headers[.accept]?.contains("text/markdown") == true {
            return Self.markdown(revision.body, revision: revision.number)
        }
        return try await response(record: record, revision: revision, scenario: scenario, request: request, context: context)
    }

    @Sendable func problems(request: Request, context: ParlonsRequestContext) async throws -> ScenarioProblemsResponse {
        _ = try context.requireRole(.trainer, .admin)
        let conflicts = try await library.stores.scenarios.scenarioSeedConflicts()
        return ScenarioProblemsResponse(
            problems: fileProblems + conflicts.map { ScenarioFileProblem(file: $0.seedFile, problem: ScenarioSeeder.conflictProblem($0)) },
            conflicts: conflicts.map {
                .init(slug: $0.slug, file: $0.seedFile, currentRevision: $0.currentRevision, detectedAt: ISO8601.string($0.detectedAt),
                      fileBody: $0.fileBody)
            })
    }

    @Sendable func picture(request: Request, context: ParlonsRequestContext) async throws -> Response {
        let (_, _, scenario) = try await visible(context)
        guard case .file(let path) = scenario.picture, let data = folder.media.contents(of: path) else {
            throw APIError.notFound("picture")
        }
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
    func visible(_ context: ParlonsRequestContext) async throws -> (ScenarioRecord, ScenarioRevision, Scenario) {
        let slug = context.parameters.get("slug") ?? ""
        guard let record = try await library.stores.scenarios.scenario(slug: slug, visibleTo: context.viewer),
              let revision = try await library.stores.scenarios.scenarioRevision(slug: slug, number: record.currentRevision) else {
            throw APIError.notFound("scenario '\(slug.prefix(60))'")
        }
        do {
            return (record, revision, try ScenarioParser.parse(revision.body))
        } catch {
            throw APIError(.unprocessableContent, code: "invalid_scenario", message: "revision \(revision.number) does not parse: \(error)")
        }
    }

    func response(record: ScenarioRecord, revision: ScenarioRevision, scenario: Scenario, request: Request,
                  context: ParlonsRequestContext, status: HTTPResponse.Status = .ok) async throws -> Response {
        var progress: ScenarioProgress?
        if let person = context.identity?.person {
            progress = ScenarioProgress(
                done: try await library.stores.scenarios.scenarioStepsDone(personId: person.id, slug: record.slug),
                scores: try await library.stores.scenarios.scenarioStepScores(personId: person.id, slug: record.slug))
        }
        let body = ScenarioResponse(record: record, revision: revision, scenario: scenario,
                                    recordingIds: try await resolver.recordingIds(of: scenario), progress: progress)
        var response = try body.response(from: request, context: context)
        response.status = status
        response.headers[.eTag] = TranscriptResponse.entityTag(revision.number)
        response.headers[.location] = "/api/scenarios/\(record.slug)"
        return response
    }

    static func markdown(_ body: String, revision: Int) -> Response {
        Response(status: .ok, headers: [.contentType: "text/markdown; charset=utf-8", .eTag: TranscriptResponse.entityTag(revision)],
                 body: .init(byteBuffer: ByteBuffer(string: body)))
    }
}

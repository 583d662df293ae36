import Exercises
import Foundation
import Hummingbird
import Services
import Storage
import Transcripts

/// Progress (``ProgressService``): `GET /api/people/{id}/progress` (the learner, their trainers,
/// their active mentor, admins), `PUT /api/people/{id}/progress/{recordingId}` (their trainers and
/// admins set a level by hand) and `GET /api/groups/{id}/progress` (the group's trainers and admins).
struct ProgressController: Sendable {
    let service: ProgressService
    let groups: GroupService

    init(library: RecordingLibrary) {
        service = ProgressService(library: library)
        groups = GroupService(stores: library.stores)
    }

    func addRoutes(to router: Router<ParlonsRequestContext>) {
        router.get("/api/people/{id}/progress", use: person)
        router.put("/api/people/{id}/progress/{recordingId}", use: setLevel)
        router.get("/api/groups/{id}/progress", use: group)
    }

    @Sendable func person(request: Request, context: ParlonsRequestContext) async throws -> ProgressResponse {
        let learner = try await followed(context)
        let report = try await service.report(of: learner, viewer: context.viewer)
        return ProgressResponse(
            person: .init(id: learner.id, displayName: learner.displayName, avatar: learner.avatar), rule: LevelRule.standard.summary,
            recordings: report.levels.map { ProgressEntryResponse($0, title: report.titles[$0.recordingId], scores: report.scores) },
            recentAttempts: report.attempts.map { AttemptSummaryResponse($0, title: report.titles[$0.recordingId]) },
            missedWords: report.missedWords.map(MissedWordResponse.init))
    }

    @Sendable func setLevel(request: Request, context: ParlonsRequestContext) async throws -> ProgressEntryResponse {
        let learner = try await followed(context)
        let actor = try context.requirePerson()
        try await service.requireSetLevel(for: learner, actor: actor)
        let recording = try await service.recording(id: context.parameters.get("recordingId") ?? "", viewer: context.viewer)
        let body = try await JSONValue.object(from: request, limit: context.maxUploadSize)
        guard let level = body["level"]?.int.flatMap(ExerciseLevel.init) else { throw APIError.invalidField("level", "a whole number from 1 to 3") }
        let step = try ExerciseAddress.step(try AttemptRequest.optional(body["step"], "step", "a string") { $0.string }, field: "step")
        let (progress, scores) = try await service.setLevel(level, of: learner, on: recording, step: step, by: actor)
        return ProgressEntryResponse(progress, title: recording.title, scores: scores)
    }

    @Sendable func group(request: Request, context: ParlonsRequestContext) async throws -> GroupProgressResponse {
        let group = try await groups.managedGroup(id: context.parameters.get("id") ?? "", actor: try context.requirePerson())
        let (learners, report) = try await service.report(of: group, viewer: context.viewer)
        let summaries = learners.map { learner in
            let own = report.scores.filter { $0.personId == learner.id }
            return GroupProgressResponse.Learner(
                id: learner.id, displayName: learner.displayName, avatar: learner.avatar, attempts: own.reduce(0) { $0 + $1.attempts },
                lastAttemptAt: own.map(\.lastAt).max().map(ISO8601.string),
                recordings: report.levels.filter { $0.personId == learner.id }
                    .map { ProgressEntryResponse($0, title: report.titles[$0.recordingId], scores: own) })
        }
        return GroupProgressResponse(
            group: .init(id: group.id, name: group.name), rule: LevelRule.standard.summary, learners: summaries,
            recentAttempts: report.attempts.map { AttemptSummaryResponse($0, title: report.titles[$0.recordingId]) },
            missedWords: report.missedWords.map(MissedWordResponse.init))
    }

    /// The `{id}` person if the caller may follow their progress; 404 otherwise.
    func followed(_ context: ParlonsRequestContext) async throws -> Person {
        try await service.followed(personId: context.parameters.get("id") ?? "", actor: try context.requirePerson())
    }
}

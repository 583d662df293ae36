import Exercises
import Foundation
import Hummingbird
import Services
import Storage
import Transcripts

/// Progress: `GET /api/people/{id}/progress` (the learner, their trainers, their active mentor,
/// admins), `PUT /api/people/{id}/progress/{recordingId}` (their trainers and admins set a level
/// by hand) and `GET /api/groups/{id}/progress` (the group's trainers and admins).
struct ProgressController: Sendable {
    let library: RecordingLibrary
    private var stores: Stores { library.stores }

    static let recentAttempts = 20
    static let groupRecentAttempts = 50
    static let missedWords = 20

    func addRoutes(to router: Router<ParlonsRequestContext>) {
        router.get("/api/people/{id}/progress", use: person)
        router.put("/api/people/{id}/progress/{recordingId}", use: setLevel)
        router.get("/api/groups/{id}/progress", use: group)
    }

    @Sendable func person(request: Request, context: ParlonsRequestContext) async throws -> ProgressResponse {
        let learner = try await followed(context)
        let levels = try await stores.progress.progress(personIds: [learner.id])
        let scores = try await stores.progress.scores(personIds: [learner.id])
        let attempts = try await stores.progress.attempts(personIds: [learner.id], limit: Self.recentAttempts)
        let titles = try await self.titles(levels.map(\.recordingId) + attempts.map(\.recordingId), context: context)
        return ProgressResponse(
            person: .init(id: learner.id, displayName: learner.displayName, avatar: learner.avatar), rule: LevelRule.standard.summary,
            recordings: levels.map { ProgressEntryResponse($0, title: titles[$0.recordingId], scores: scores) },
            recentAttempts: attempts.map { AttemptSummaryResponse($0, title: titles[$0.recordingId]) },
            missedWords: try await stores.progress.missedWords(personIds: [learner.id], limit: Self.missedWords).map(MissedWordResponse.init))
    }

    @Sendable func setLevel(request: Request, context: ParlonsRequestContext) async throws -> ProgressEntryResponse {
        let learner = try await followed(context)
        let actor = try context.requirePerson()
        try await Authority(stores: stores).requireSetLevel(for: learner, actor: actor)
        let recordingId = context.parameters.get("recordingId") ?? ""
        guard ResourceID.isValid(recordingId), let recording = try await library.metadata.recording(id: recordingId, visibleTo: context.viewer) else {
            throw APIError.notFound("recording \(recordingId.prefix(40))")
        }
        let body = try await JSONValue.object(from: request, limit: context.maxUploadSize)
        guard let level = body["level"]?.int.flatMap(ExerciseLevel.init) else { throw APIError.invalidField("level", "a whole number from 1 to 3") }
        let step = try ExerciseAddress.step(try AttemptRequest.optional(body["step"], "step", "a string") { $0.string }, field: "step")
        let progress = try await stores.progress.setLevel(level, personId: learner.id, recordingId: recording.id, step: step, by: actor.id)
        let scores = try await stores.progress.scores(personIds: [learner.id])
        return ProgressEntryResponse(progress, title: recording.title, scores: scores)
    }

    @Sendable func group(request: Request, context: ParlonsRequestContext) async throws -> GroupProgressResponse {
        let group = try await GroupService(stores: stores).managedGroup(id: context.parameters.get("id") ?? "", actor: try context.requirePerson())
        let learners = try await stores.people.members(of: group.id).filter { $0.role == .learner }
        let ids = learners.map(\.id)
        let levels = try await stores.progress.progress(personIds: ids)
        let scores = try await stores.progress.scores(personIds: ids)
        let attempts = try await stores.progress.attempts(personIds: ids, limit: Self.groupRecentAttempts)
        let titles = try await self.titles(levels.map(\.recordingId) + attempts.map(\.recordingId), context: context)
        let summaries = learners.map { learner in
            let own = scores.filter { $0.personId == learner.id }
            return GroupProgressResponse.Learner(
                id: learner.id, displayName: learner.displayName, avatar: learner.avatar, attempts: own.reduce(0) { $0 + $1.attempts },
                lastAttemptAt: own.map(\.lastAt).max().map(ISO8601.string),
                recordings: levels.filter { $0.personId == learner.id }.map { ProgressEntryResponse($0, title: titles[$0.recordingId], scores: own) })
        }
        return GroupProgressResponse(
            group: .init(id: group.id, name: group.name), rule: LevelRule.standard.summary, learners: summaries,
            recentAttempts: attempts.map { AttemptSummaryResponse($0, title: titles[$0.recordingId]) },
            missedWords: try await stores.progress.missedWords(personIds: ids, limit: Self.missedWords).map(MissedWordResponse.init))
    }

    /// The `{id}` person if the caller may follow their progress; 404 otherwise (nobody learns
    /// who exists from it).
    func followed(_ context: ParlonsRequestContext) async throws -> Person {
        let actor = try context.requirePerson()
        let id = context.parameters.get("id") ?? ""
        guard ResourceID.isValid(id), let person = try await stores.people.person(id: id),
              try await Authority(stores: stores).mayFollowProgress(of: person.id, actor: actor) else {
            throw APIError.notFound("person \(id.prefix(40))")
        }
        return person
    }

    /// The titles of the recordings the caller may hear, by id.
    func titles(_ ids: [String], context: ParlonsRequestContext) async throws -> [String: String] {
        var titles: [String: String] = [:]
        for id in Set(ids) {
            if let recording = try await library.metadata.recording(id: id, visibleTo: context.viewer) { titles[id] = recording.title }
        }
        return titles
    }
}

import Foundation

/// Scenarios as wiki pages (every save a revision), the shipped files they were seeded from, the
/// shipped audio imported for them, and which steps each learner has done.
public protocol ScenarioStore: Sendable {
    /// The scenarios the viewer may see, each with its current revision.
    func scenarios(visibleTo viewer: Viewer) async throws -> [(ScenarioRecord, ScenarioRevision)]
    /// The scenario if it exists (and, with a viewer, when they may see it).
    func scenario(slug: String, visibleTo viewer: Viewer?) async throws -> ScenarioRecord?
    func scenarioRevision(slug: String, number: Int) async throws -> ScenarioRevision?
    func scenarioRevisions(slug: String) async throws -> [ScenarioRevision]
    /// Creates the scenario with its first revision; `StorageError.conflict` when the slug is taken.
    func createScenario(_ record: ScenarioRecord, body: String, message: String) async throws -> ScenarioRevision
    /// A new revision; `StorageError.conflict` when `expectedRevision` is not the current one.
    func saveScenarioRevision(slug: String, body: String, authorId: String?, message: String, expectedRevision: Int?,
                              now: Date) async throws -> ScenarioRevision
    func updateScenario(slug: String, groupId: String?, visibility: Visibility) async throws
    /// Takes in a shipped file's content: a new revision when nobody edited the scenario since the
    /// last seed, a kept conflict when someone did.
    func applyScenarioSeed(file: String, slug: String, body: String, sha256: String, now: Date) async throws -> ScenarioSeedOutcome
    func scenarioSeedConflicts() async throws -> [ScenarioSeedConflict]
    func markScenarioStepDone(_ done: ScenarioStepDone) async throws
    func scenarioStepsDone(personId: String, slug: String) async throws -> [ScenarioStepDone]
    func scenarioStepScores(personId: String, slug: String) async throws -> [ScenarioStepScore]
    func shippedMedia(path: String) async throws -> ShippedMedia?
    func saveShippedMedia(_ media: ShippedMedia) async throws
}

extension ScenarioStore {
    public func scenario(slug: String) async throws -> ScenarioRecord? { try await scenario(slug: slug, visibleTo: nil) }
    public func saveScenarioRevision(slug: String, body: String, authorId: String?, message: String,
                                     expectedRevision: Int? = nil) async throws -> ScenarioRevision {
        try await saveScenarioRevision(slug: slug, body: body, authorId: authorId, message: message, expectedRevision: expectedRevision,
                                       now: Date())
    }
    public func applyScenarioSeed(file: String, slug: String, body: String, sha256: String) async throws -> ScenarioSeedOutcome {
        try await applyScenarioSeed(file: file, slug: slug, body: body, sha256: sha256, now: Date())
    }
}

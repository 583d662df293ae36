import Foundation
import ScenarioFormat
import Storage
import Transcripts

/// Scenarios as trainers edit and learners play them: who sees and changes which (a scenario of a
/// group is changed by that group's trainers; the shipped ones by any trainer), each change a new
/// revision (wiki-style, never an overwrite), copies into one's own group, and the steps a learner
/// has done. Every body is validated as the shipped files are, with its media, and a scenario is
/// never shown wider than its stored recordings are heard.
public struct ScenarioService: Sendable {
    let library: RecordingLibrary
    let folder: ScenarioFolder
    let resolver: ScenarioMediaResolver
    private var store: any ScenarioStore { library.stores.scenarios }

    /// Slugs that are paths of their own.
    public static let reservedSlugs: Set<String> = ["problems"]
    /// The longest change message kept.
    public static let maxMessageLength = 500

    public init(library: RecordingLibrary, folder: ScenarioFolder, resolver: ScenarioMediaResolver) {
        self.library = library
        self.folder = folder
        self.resolver = resolver
    }

    /// A scenario with its current revision, parsed.
    public struct Loaded: Sendable {
        public var record: ScenarioRecord
        public var revision: ScenarioRevision
        public var scenario: Scenario
    }

    /// How far one person got in a scenario.
    public struct Progress: Sendable {
        public var done: [ScenarioStepDone]
        public var scores: [ScenarioStepScore]
    }

    // MARK: reading

    /// The scenarios the viewer may see, each parsed (a stored revision that no longer parses is skipped).
    public func scenarios(visibleTo viewer: Viewer) async throws -> [(record: ScenarioRecord, scenario: Scenario)] {
        var result: [(record: ScenarioRecord, scenario: Scenario)] = []
        for (record, revision) in try await store.scenarios(visibleTo: viewer) {
            // A stored revision always parsed when it was saved; one that no longer does is skipped.
            guard let scenario = try? ScenarioParser.parse(revision.body) else { continue }
            result.append((record, scenario))
        }
        return result
    }

    /// The scenario at `slug` if the viewer may see it; `notFound` otherwise.
    public func scenario(slug: String, visibleTo viewer: Viewer) async throws -> Loaded {
        guard let record = try await store.scenario(slug: slug, visibleTo: viewer),
              let revision = try await store.scenarioRevision(slug: slug, number: record.currentRevision) else {
            throw ServiceError.notFound("scenario '\(slug.prefix(60))'")
        }
        do {
            return Loaded(record: record, revision: revision, scenario: try ScenarioParser.parse(revision.body))
        } catch {
            throw ServiceError(.invalidScenario, "revision \(revision.number) does not parse: \(error)")
        }
    }

    /// A scenario the actor may see and change: admins; trainers of its group; any trainer for the
    /// shipped ones (they belong to no group).
    public func editableScenario(slug: String, actor: Person) async throws -> Loaded {
        let found = try await scenario(slug: slug, visibleTo: Viewer(personId: actor.id, role: actor.role))
        if actor.role == .trainer, let group = found.record.groupId, !(try await library.stores.people.groupIds(of: actor.id)).contains(group) {
            throw AccessDenied("only the trainers of the scenario's group may change it; copy it into your group instead")
        }
        return found
    }

    /// Every revision, oldest first.
    public func revisions(of record: ScenarioRecord) async throws -> [ScenarioRevision] {
        try await store.scenarioRevisions(slug: record.slug)
    }

    /// Revision `number` of a scenario; `notFound` when it has none.
    public func revision(_ number: Int, of slug: String) async throws -> ScenarioRevision {
        guard let revision = try await store.scenarioRevision(slug: slug, number: number) else {
            throw ServiceError.notFound("revision \(number) of '\(slug)'")
        }
        return revision
    }

    /// The recordings that play the scenario's media, by media.
    public func recordingIds(of scenario: Scenario) async throws -> [ScenarioMedia: String] {
        try await resolver.recordingIds(of: scenario)
    }

    /// The picture file's bytes and path, when the scenario has one in the media folder.
    public func picture(of scenario: Scenario) -> (path: String, data: Data)? {
        guard case .file(let path) = scenario.picture, let data = folder.media.contents(of: path) else { return nil }
        return (path, data)
    }

    /// The shipped files that changed on disk after trainers had edited their scenario.
    public func seedConflicts() async throws -> [ScenarioSeedConflict] {
        try await store.scenarioSeedConflicts()
    }

    /// How far `person` got in the scenario.
    public func progress(of person: Person, in record: ScenarioRecord) async throws -> Progress {
        Progress(done: try await store.scenarioStepsDone(personId: person.id, slug: record.slug),
                 scores: try await store.scenarioStepScores(personId: person.id, slug: record.slug))
    }

    // MARK: editing

    /// The group a trainer puts a scenario in: one of theirs (their only one when not named); an
    /// admin's may be in none.
    public func targetGroup(_ raw: String?, actor: Person) async throws -> String? {
        let mine = try await library.stores.people.groupIds(of: actor.id)
        guard let raw else {
            if actor.role == .admin { return nil }
            guard mine.count == 1 else { throw ServiceError.invalidField("group", "say which of your groups the scenario belongs to") }
            return mine[0]
        }
        guard try await library.stores.people.group(id: raw) != nil else { throw ServiceError.invalidField("group", "no group \(raw.prefix(40))") }
        guard actor.role == .admin || mine.contains(raw) else {
            throw AccessDenied("you are not a member of group \(raw.prefix(40))")
        }
        return raw
    }

    /// A scenario's visibility: group, network or public (never private).
    public static func visibility(_ raw: String) throws -> Visibility {
        guard let value = Visibility(rawValue: raw), value != .private else {
            throw ServiceError.invalidField("visibility", "group, network or public")
        }
        return value
    }

    /// A change message, trimmed and shortened; `fallback` when there is none.
    public static func message(_ raw: (some StringProtocol)?, default fallback: String) -> String {
        guard let raw = raw?.trimmingCharacters(in: .whitespacesAndNewlines), !raw.isEmpty else { return fallback }
        return String(raw.prefix(maxMessageLength))
    }

    /// A new scenario of `groupId` from its Markdown; `conflict` when the slug is taken.
    public func create(_ body: String, groupId: String?, visibility: Visibility, message: String, actor: Person) async throws -> Loaded {
        let scenario = try await validated(body, expectedSlug: nil, viewer: Viewer(personId: actor.id, role: actor.role))
        guard !Self.reservedSlugs.contains(scenario.slug) else {
            throw ServiceError.invalidField("slug", "'\(scenario.slug)' is reserved; choose another")
        }
        try await checkAudible(scenario, by: visibility)
        let record = ScenarioRecord(slug: scenario.slug, groupId: groupId, visibility: visibility, createdBy: actor.id)
        let revision: ScenarioRevision
        do {
            revision = try await store.createScenario(record, body: body, message: message)
        } catch let error as StorageError where error.code == .conflict {
            throw ServiceError(.conflict, "a scenario named '\(scenario.slug)' exists already: choose another slug")
        }
        return Loaded(record: record, revision: revision, scenario: scenario)
    }

    /// The next revision of an editable scenario from its Markdown. `expectedRevision` is read once
    /// the body is found valid; `revisionChanged` when someone saved since that revision.
    public func save(_ body: String, on record: ScenarioRecord, message: String, actor: Person,
                     expectedRevision: () throws -> Int?) async throws -> Loaded {
        let scenario = try await validated(body, expectedSlug: record.slug, viewer: Viewer(personId: actor.id, role: actor.role))
        try await checkAudible(scenario, by: record.visibility)
        return try await store(body, scenario: scenario, record: record, message: message, authorId: actor.id, expected: try expectedRevision())
    }

    /// Revision `number`'s text as the next revision (nothing is lost: the reverted ones stay in
    /// the history); `message` defaults to saying so.
    public func revert(_ record: ScenarioRecord, to number: Int, message: String?, actor: Person,
                       expectedRevision: () throws -> Int?) async throws -> Loaded {
        guard let old = try await store.scenarioRevision(slug: record.slug, number: number) else {
            throw ServiceError.notFound("revision \(number) of '\(record.slug)'")
        }
        let scenario = try await validated(old.body, expectedSlug: record.slug, viewer: Viewer(personId: actor.id, role: actor.role))
        return try await store(old.body, scenario: scenario, record: record,
                               message: Self.message(message, default: "reverted to revision \(old.number)"),
                               authorId: actor.id, expected: try expectedRevision())
    }

    /// Who sees an editable scenario: its visibility and group.
    public func update(_ loaded: Loaded, visibility: String?, group: String?, actor: Person) async throws -> Loaded {
        let visibility = try visibility.map { try Self.visibility($0) } ?? loaded.record.visibility
        var groupId = loaded.record.groupId
        if let group { groupId = try await targetGroup(group, actor: actor) }
        try await checkAudible(loaded.scenario, by: visibility)
        try await store.updateScenario(slug: loaded.record.slug, groupId: groupId, visibility: visibility)
        var updated = loaded
        updated.record.visibility = visibility
        updated.record.groupId = groupId
        return updated
    }

    /// A scenario the actor may see, copied as `slug` into their own group to adapt it.
    public func copy(_ source: Loaded, as slug: String, group: String?, visibility: String?, actor: Person) async throws -> Loaded {
        guard slug.count <= 60, ScenarioParser.isSlug(slug), !Self.reservedSlugs.contains(slug) else {
            throw ServiceError.invalidField("slug", "lowercase letters, digits and '-', up to 60")
        }
        let groupId = try await targetGroup(group, actor: actor)
        let visibility = try Self.visibility(visibility ?? "group")
        let body = ScenarioParser.replacingSlug(in: source.revision.body, with: slug)
        let scenario = try await validated(body, expectedSlug: slug, viewer: Viewer(personId: actor.id, role: actor.role))
        try await checkAudible(scenario, by: visibility)
        let copy = ScenarioRecord(slug: slug, groupId: groupId, visibility: visibility, createdBy: actor.id,
                                  copiedFrom: "\(source.record.slug)@\(source.revision.number)")
        let first: ScenarioRevision
        do {
            first = try await store.createScenario(copy, body: body, message: "copied from \(source.record.slug), revision \(source.revision.number)")
        } catch let error as StorageError where error.code == .conflict {
            throw ServiceError(.conflict, "a scenario named '\(slug)' exists already: choose another slug")
        }
        return Loaded(record: copy, revision: first, scenario: scenario)
    }

    // MARK: playing

    /// Marks a step done for `person` (a record step with the answer's recording, one of theirs);
    /// exercise steps count through their attempts instead. `notFound` for an unknown step.
    public func markDone(step stepId: String, of loaded: Loaded, recordingId: String?, by person: Person) async throws {
        guard let step = loaded.scenario.step(id: stepId) else {
            throw ServiceError.notFound("step '\(stepId.prefix(40))' of '\(loaded.record.slug)'")
        }
        if let id = recordingId {
            guard step.kind == .record else { throw ServiceError.invalidField("recording", "only a record step keeps an answer") }
            guard let answer = try await library.stores.recordings.recording(id: id), answer.ownerId == person.id else {
                throw ServiceError.invalidField("recording", "no recording \(id.prefix(40)) of yours")
            }
        } else if step.kind == .record {
            throw ServiceError.invalidField("recording", "a record step is done with the answer's recording id")
        }
        try await store.markScenarioStepDone(ScenarioStepDone(personId: person.id, slug: loaded.record.slug, stepId: step.id,
                                                              recordingId: recordingId))
    }

    /// Whether the step exists: `notFound` before any body is read.
    public func requireStep(_ stepId: String, of loaded: Loaded) throws {
        guard loaded.scenario.step(id: stepId) != nil else {
            throw ServiceError.notFound("step '\(stepId.prefix(40))' of '\(loaded.record.slug)'")
        }
    }

    // MARK: checks

    /// The parsed scenario, or `invalidScenario` listing every problem with its line (fields,
    /// steps, media files, recordings the viewer may not use).
    public func validated(_ body: String, expectedSlug: String?, viewer: Viewer) async throws -> Scenario {
        let scenario: Scenario
        do {
            scenario = try ScenarioParser.parse(body, expectedSlug: expectedSlug)
        } catch {
            throw Self.invalid(error.problems)
        }
        var problems = folder.mediaProblems(of: scenario, decodingAudio: false)
        if problems.isEmpty { problems = try await resolver.check(scenario, viewer: viewer) }
        guard problems.isEmpty else { throw Self.invalid(ScenarioFileError(problems: problems).problems) }
        return scenario
    }

    /// A scenario is shown no wider than its stored recordings are heard: each must be at least
    /// as visible as the scenario (`invalidScenario` naming the line otherwise).
    func checkAudible(_ scenario: Scenario, by visibility: Visibility) async throws {
        var problems: [ScenarioProblem] = []
        for use in scenario.mediaUses {
            guard case .recording(let id) = use.media, let recording = try await library.stores.recordings.recording(id: id),
                  recording.visibility < visibility else { continue }
            problems.append(ScenarioProblem(line: use.line, reason: "'\(use.field)': recording \(id) is heard by \(recording.visibility.rawValue) only; share it \(visibility.rawValue) first"))
        }
        if !problems.isEmpty { throw Self.invalid(problems) }
    }

    private func store(_ body: String, scenario: Scenario, record: ScenarioRecord, message: String, authorId: String?,
                       expected: Int?) async throws -> Loaded {
        let revision: ScenarioRevision
        do {
            revision = try await store.saveScenarioRevision(slug: record.slug, body: body, authorId: authorId, message: message,
                                                            expectedRevision: expected)
        } catch let error as StorageError where error.code == .conflict {
            throw ServiceError(.revisionChanged, "\(error.message): read it again and redo the change")
        }
        var updated = record
        updated.currentRevision = revision.number
        return Loaded(record: updated, revision: revision, scenario: scenario)
    }

    static func invalid(_ problems: [ScenarioProblem]) -> ServiceError {
        var error = ServiceError(.invalidScenario, problems.map(\.description).joined(separator: "; "))
        error.problems = problems
        return error
    }
}

import Foundation
import Hummingbird
import ScenarioFormat
import Storage
import Transcripts

extension ScenariosController {
    /// `POST /api/scenarios?group=G&visibility=group|network|public&message=…` with the Markdown
    /// file as body: a new scenario of the group (trainers of the group, admins).
    @Sendable func create(request: Request, context: ParlonsRequestContext) async throws -> Response {
        let person = try context.requireRole(.trainer, .admin)
        let query = request.uri.queryParameters
        let groupId = try await targetGroup(query["group"].map(String.init), person: person)
        let visibility = try Self.visibility(query["visibility"].map(String.init) ?? "group")
        let body = try await Self.markdownBody(request)
        let scenario = try await validated(body, expectedSlug: nil, viewer: context.viewer)
        guard !Self.reservedSlugs.contains(scenario.slug) else {
            throw APIError.invalidField("slug", "'\(scenario.slug)' is reserved; choose another")
        }
        try await checkAudible(scenario, by: visibility)
        let record = ScenarioRecord(slug: scenario.slug, groupId: groupId, visibility: visibility, createdBy: person.id)
        let revision: ScenarioRevision
        do {
            revision = try await library.stores.scenarios.createScenario(record, body: body, message: Self.message(query["message"], default: "created"))
        } catch let error as StorageError where error.code == .conflict {
            throw APIError(.conflict, code: "conflict", message: "a scenario named '\(scenario.slug)' exists already: choose another slug")
        }
        return try await response(record: record, revision: revision, scenario: scenario, request: request, context: context, status: .created)
    }

    /// `PUT /api/scenarios/{slug}?message=…` with the Markdown: the next revision. `If-Match: "rN"`
    /// refuses the save (412) when someone saved since revision N.
    @Sendable func save(request: Request, context: ParlonsRequestContext) async throws -> Response {
        let (record, _, _) = try await editable(context)
        let body = try await Self.markdownBody(request)
        let scenario = try await validated(body, expectedSlug: record.slug, viewer: context.viewer)
        try await checkAudible(scenario, by: record.visibility)
        return try await store(body, scenario: scenario, record: record, message: Self.message(request.uri.queryParameters["message"], default: "edited"),
                               expected: try request.expectedRevision(), request: request, context: context)
    }

    /// `POST /api/scenarios/{slug}/revert` `{"revision": N, "message": "…"}`: revision N's text as
    /// the next revision (nothing is lost: the reverted ones stay in the history).
    @Sendable func revert(request: Request, context: ParlonsRequestContext) async throws -> Response {
        struct Revert: Decodable { let revision: Int; let message: String? }
        let (record, _, _) = try await editable(context)
        let input = try await request.decodeJSON(Revert.self, context: context)
        guard let old = try await library.stores.scenarios.scenarioRevision(slug: record.slug, number: input.revision) else {
            throw APIError.notFound("revision \(input.revision) of '\(record.slug)'")
        }
        let scenario = try await validated(old.body, expectedSlug: record.slug, viewer: context.viewer)
        return try await store(old.body, scenario: scenario, record: record,
                               message: Self.message(input.message.map { Substring($0) }, default: "reverted to revision \(old.number)"),
                               expected: try request.expectedRevision(), request: request, context: context)
    }

    /// `PATCH /api/scenarios/{slug}` `{"visibility": "network", "group": "G"}`: who sees it.
    @Sendable func update(request: Request, context: ParlonsRequestContext) async throws -> Response {
        struct Patch: Decodable { let visibility: String?; let group: String? }
        let (record, revision, scenario) = try await editable(context)
        let person = try context.requirePerson()
        let patch = try await request.decodeJSON(Patch.self, context: context)
        let visibility = try patch.visibility.map { try Self.visibility($0) } ?? record.visibility
        var groupId = record.groupId
        if let group = patch.group { groupId = try await targetGroup(group, person: person) }
        try await checkAudible(scenario, by: visibility)
        try await library.stores.scenarios.updateScenario(slug: record.slug, groupId: groupId, visibility: visibility)
        var updated = record
        updated.visibility = visibility
        updated.groupId = groupId
        return try await response(record: updated, revision: revision, scenario: scenario, request: request, context: context)
    }

    /// `POST /api/scenarios/{slug}/copy` `{"slug": "new", "group": "G", "visibility": "group"}`: a
    /// scenario the caller may see, copied into their own group to adapt it.
    @Sendable func copy(request: Request, context: ParlonsRequestContext) async throws -> Response {
        struct Copy: Decodable { let slug: String; let group: String?; let visibility: String? }
        let person = try context.requireRole(.trainer, .admin)
        let (record, revision, _) = try await visible(context)
        let input = try await request.decodeJSON(Copy.self, context: context)
        guard input.slug.count <= 60, ScenarioParser.isSlug(input.slug), !Self.reservedSlugs.contains(input.slug) else {
            throw APIError.invalidField("slug", "lowercase letters, digits and '-', up to 60")
        }
        let groupId = try await targetGroup(input.group, person: person)
        let visibility = try Self.visibility(input.visibility ?? "group")
        let body = ScenarioParser.replacingSlug(in: revision.body, with: input.slug)
        let scenario = try await validated(body, expectedSlug: input.slug, viewer: context.viewer)
        try await checkAudible(scenario, by: visibility)
        let copy = ScenarioRecord(slug: input.slug, groupId: groupId, visibility: visibility, createdBy: person.id,
                                  copiedFrom: "\(record.slug)@\(revision.number)")
        let first: ScenarioRevision
        do {
            first = try await library.stores.scenarios.createScenario(copy, body: body, message: "copied from \(record.slug), revision \(revision.number)")
        } catch let error as StorageError where error.code == .conflict {
            throw APIError(.conflict, code: "conflict", message: "a scenario named '\(input.slug)' exists already: choose another slug")
        }
        return try await response(record: copy, revision: first, scenario: scenario, request: request, context: context, status: .created)
    }

    // MARK: helpers

    /// A scenario is shown no wider than its stored recordings are heard: each must be at least
    /// as visible as the scenario (`422` naming the line otherwise).
    func checkAudible(_ scenario: Scenario, by visibility: Visibility) async throws {
        var problems: [ScenarioProblem] = []
        for use in scenario.mediaUses {
            guard case .recording(let id) = use.media, let recording = try await library.stores.recordings.recording(id: id),
                  recording.visibility < visibility else { continue }
            problems.append(ScenarioProblem(line: use.line, reason: "'\(use.field)': recording \(id) is heard by \(recording.visibility.rawValue) only; share it \(visibility.rawValue) first"))
        }
        if !problems.isEmpty { throw Self.invalid(problems) }
    }

    private func store(_ body: String, scenario: Scenario, record: ScenarioRecord, message: String, expected: Int?,
                       request: Request, context: ParlonsRequestContext) async throws -> Response {
        let revision: ScenarioRevision
        do {
            revision = try await library.stores.scenarios.saveScenarioRevision(slug: record.slug, body: body, authorId: context.identity?.person.id,
                                                                        message: message, expectedRevision: expected)
        } catch let error as StorageError where error.code == .conflict {
            throw APIError(.preconditionFailed, code: "revision_changed", message: "\(error.message): read it again and redo the change")
        }
        var updated = record
        updated.currentRevision = revision.number
        return try await response(record: updated, revision: revision, scenario: scenario, request: request, context: context)
    }

    /// The scenario at `{slug}`, if the caller may see it and change it: admins; trainers of its
    /// group; any trainer for the shipped ones (they belong to no group).
    func editable(_ context: ParlonsRequestContext) async throws -> (ScenarioRecord, ScenarioRevision, Scenario) {
        let person = try context.requireRole(.trainer, .admin)
        let found = try await visible(context)
        if person.role == .trainer, let group = found.0.groupId, !(try await library.stores.people.groupIds(of: person.id)).contains(group) {
            throw APIError(.forbidden, code: "forbidden", message: "only the trainers of the scenario's group may change it; copy it into your group instead")
        }
        return found
    }

    /// The parsed scenario, or `422 invalid_scenario` listing every problem with its line.
    func validated(_ body: String, expectedSlug: String?, viewer: Viewer) async throws -> Scenario {
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

    static func invalid(_ problems: [ScenarioProblem]) -> APIError {
        var error = APIError(.unprocessableContent, code: "invalid_scenario",
                             message: problems.map(\.description).joined(separator: "; "))
        error.problems = problems
        return error
    }

    /// The group a trainer puts a scenario in: one of theirs (their only one when not named).
    private func targetGroup(_ raw: String?, person: Person) async throws -> String? {
        let mine = try await library.stores.people.groupIds(of: person.id)
        guard let raw else {
            if person.role == .admin { return nil }
            guard mine.count == 1 else { throw APIError.invalidField("group", "say which of your groups the scenario belongs to") }
            return mine[0]
        }
        guard try await library.stores.people.group(id: raw) != nil else { throw APIError.invalidField("group", "no group \(raw.prefix(40))") }
        guard person.role == .admin || mine.contains(raw) else {
            throw APIError(.forbidden, code: "forbidden", message: "you are not a member of group \(raw.prefix(40))")
        }
        return raw
    }

    static func visibility(_ raw: String) throws -> Visibility {
        guard let value = Visibility(rawValue: raw), value != .private else {
            throw APIError.invalidField("visibility", "group, network or public")
        }
        return value
    }

    static func message(_ raw: Substring?, default fallback: String) -> String {
        guard let raw = raw?.trimmingCharacters(in: .whitespacesAndNewlines), !raw.isEmpty else { return fallback }
        return String(raw.prefix(500))
    }

    static func markdownBody(_ request: Request) async throws -> String {
        let bytes = Array((try await request.collectBody(upTo: maxBodyBytes, what: "scenario files")).readableBytesView)
        guard !bytes.isEmpty else { throw APIError(.badRequest, code: "empty_body", message: "the request has no scenario file in its body") }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw APIError(.badRequest, code: "invalid_encoding", message: "scenario files must be UTF-8 text")
        }
        return text
    }
}

import Foundation
import Hummingbird
import Services
import Storage
import Transcripts

/// `/api/labels/{lang}`: the spoken labels trainers recorded for a language. Anyone may list them
/// (learners hear labels on the sign-in screen); trainers and admins record and delete them. A
/// label is a recording like any other, owned by the trainer who spoke it and public with their
/// consent: recording a label on the trainer screen that says so is that consent.
struct LabelsController: Sendable {
    let library: RecordingLibrary
    let configuration: ServerConfiguration
    let work: HeavyWorkPool

    func addRoutes(to router: Router<ParlonsRequestContext>) {
        router.get("/api/labels/{lang}", use: list)
        router.put("/api/labels/{lang}/{key}", use: put)
        router.delete("/api/labels/{lang}/{key}", use: delete)
    }

    @Sendable func list(request: Request, context: ParlonsRequestContext) async throws -> SpokenLabelListResponse {
        let language = try Self.language(context)
        let labels = try await LabelService(library: library).labels(language: language)
        return SpokenLabelListResponse(language: language, keys: SpokenLabels.keys,
                                       labels: Dictionary(uniqueKeysWithValues: labels.map { ($0.key, SpokenLabelResponse($0)) }))
    }

    /// The body is audio, as for an upload; it replaces the label's previous take (see
    /// ``LabelService/publish(_:language:key:speaker:)``).
    @Sendable func put(request: Request, context: ParlonsRequestContext) async throws -> Response {
        let speaker = try context.requireRole(.trainer, .admin)
        let language = try Self.language(context)
        let key = try Self.key(context)
        let recording = try await ingest(request, title: "\(key) (\(language))", language: language, speaker: speaker)
        let (label, replaced) = try await LabelService(library: library).publish(recording, language: language, key: key, speaker: speaker)
        let response = try SpokenLabelResponse(label).response(from: request, context: context)
        return Response(status: replaced ? .ok : .created, headers: response.headers, body: response.body)
    }

    /// Back to the shipped clip: the label is forgotten and its recording withdrawn.
    @Sendable func delete(request: Request, context: ParlonsRequestContext) async throws -> Response {
        let person = try context.requireRole(.trainer, .admin)
        let language = try Self.language(context)
        let key = try Self.key(context)
        try await LabelService(library: library).remove(language: language, key: key, actor: person)
        return Response(status: .noContent)
    }

    /// Stores the body through the normal ingest path as a recording of the speaker's.
    private func ingest(_ request: Request, title: String, language: String, speaker: Person) async throws -> Recording {
        try RecordingIngest.checkDeclaredLength(of: request, maxBytes: configuration.maxUploadBytes)
        let ingest = try RecordingIngest(library: library, settings: configuration.encoderSettings, title: title, language: language,
                                         maxBytes: configuration.maxUploadBytes, ownerId: speaker.id, groupId: nil,
                                         loudnessTarget: configuration.loudnessTarget, work: work)
        try await ingest.consumeBody(of: request)
        return try await ingest.finish()
    }

    static func language(_ context: ParlonsRequestContext) throws -> String {
        let raw = context.parameters.get("lang") ?? ""
        guard let tag = LanguageTag.canonical(raw) else {
            throw APIError.invalidParameter("lang", "'\(raw.prefix(40))' is not a BCP 47 language tag")
        }
        return tag
    }

    static func key(_ context: ParlonsRequestContext) throws -> String {
        let key = context.parameters.get("key") ?? ""
        guard SpokenLabels.keySet.contains(key) else {
            throw APIError.notFound("label key '\(key.prefix(40))' (the keys are those of the shipped clips)")
        }
        return key
    }
}

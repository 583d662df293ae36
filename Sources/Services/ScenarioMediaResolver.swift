import Foundation
import ScenarioFormat
import Storage
import Transcripts

/// Checks that everything a scenario names can be played — shipped files imported as recordings,
/// stored recordings existing (and audible to the person saving), exercise recordings timed — and
/// maps each to a recording id.
public struct ScenarioMediaResolver: Sendable {
    public let library: RecordingLibrary
    public let importer: ShippedMediaImporter

    /// Imports what needs importing and returns the problems found, each with its line.
    ///
    /// - Parameter viewer: who saves the scenario (nil for shipped files): recordings they name
    ///   must be ones they may hear.
    public func check(_ scenario: Scenario, viewer: Viewer?) async throws -> [ScenarioProblem] {
        var passed = Set<PassedCheck>()
        return try await check(scenario, viewer: viewer, passed: &passed)
    }

    /// What a check depends on: two uses that name the same media in the same way pass or fail
    /// together (their line and field only place a problem), so each is checked once.
    public struct PassedCheck: Hashable, Sendable {
        let media: ScenarioMedia
        let role: ScenarioMediaUse.Role
        let language: String?
        let text: String?
    }

    /// The same, skipping uses that already passed (`passed` grows with those that pass): a folder
    /// of scenarios names the same prompt files dozens of times, and start-up reads and hashes
    /// each file once instead of at every use.
    public func check(_ scenario: Scenario, viewer: Viewer?, passed: inout Set<PassedCheck>) async throws -> [ScenarioProblem] {
        var problems: [ScenarioProblem] = []
        for use in scenario.mediaUses where use.role != .picture {
            let key = PassedCheck(media: use.media, role: use.role, language: use.language, text: use.text)
            if passed.contains(key) { continue }
            let id: String
            do {
                id = try await importer.recordingId(for: use)
            } catch let problem as ScenarioProblem {
                problems.append(problem)
                continue
            }
            let recording: Recording?
            if let viewer {
                recording = try await library.stores.recordings.recording(id: id, visibleTo: viewer)
            } else {
                recording = try await library.stores.recordings.recording(id: id)
            }
            guard recording != nil else {
                problems.append(ScenarioProblem(line: use.line, reason: "'\(use.field)': no recording \(id) that you may hear"))
                continue
            }
            if use.role == .timedRecording, let language = use.language {
                let transcript = try await library.stores.transcripts.transcript(recordingId: id, language: language)
                if transcript?.transcript.isFullyTimed != true {
                    problems.append(ScenarioProblem(line: use.line,
                                                    reason: "'\(use.field)': recording \(id) has no timed \(language) transcript: add one and align it first"))
                    continue
                }
            }
            passed.insert(key)
        }
        return problems
    }

    /// The recording ids of the scenario's audio, by what names them (shipped files already
    /// imported; stored recordings as they are).
    public func recordingIds(of scenario: Scenario) async throws -> [ScenarioMedia: String] {
        var ids: [ScenarioMedia: String] = [:]
        for use in scenario.mediaUses where use.role != .picture && ids[use.media] == nil {
            switch use.media {
            case .recording(let id): ids[use.media] = id
            case .file(let path): ids[use.media] = try await library.stores.scenarios.shippedMedia(path: path)?.recordingId
            }
        }
        return ids
    }

    public init(library: RecordingLibrary, importer: ShippedMediaImporter) {
        self.library = library
        self.importer = importer
    }
}

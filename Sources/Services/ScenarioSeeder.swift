import Foundation
import Logging
import ScenarioFormat
import Storage
import Transcripts

/// Takes in the shipped scenarios at start-up: each valid file becomes a scenario (or a new
/// revision of one, or a conflict kept for trainers); each broken file is logged and reported,
/// and never stops the others.
public struct ScenarioSeeder: Sendable {
    public let folder: ScenarioFolder
    public let library: RecordingLibrary
    public let resolver: ScenarioMediaResolver

    /// The files' problems, for `GET /api/scenarios/problems` (conflicts are read from the
    /// database there, as trainers settle them).
    public func seed(logger: Logger) async throws -> [ScenarioFileProblem] {
        let (entries, fileProblems) = folder.read()
        var problems = fileProblems
        var loaded = 0
        var passed = Set<ScenarioMediaResolver.PassedCheck>()
        for entry in entries {
            let mediaProblems = try await resolver.check(entry.scenario, viewer: nil, passed: &passed)
            guard mediaProblems.isEmpty else {
                problems += mediaProblems.map { ScenarioFileProblem(file: entry.file, problem: $0) }
                continue
            }
            let outcome = try await library.stores.scenarios.applyScenarioSeed(file: entry.file, slug: entry.scenario.slug,
                                                                        body: entry.source, sha256: entry.sha256)
            loaded += 1
            switch outcome {
            case .created: logger.info("scenario \(entry.scenario.slug) added from \(entry.file)")
            case .updated(let revision): logger.info("scenario \(entry.scenario.slug): \(entry.file) changed, revision \(revision)")
            case .unchanged: break
            case .conflict: break
            }
        }
        for problem in problems { logger.warning("scenario file \(problem)") }
        for conflict in try await library.stores.scenarios.scenarioSeedConflicts() {
            logger.warning("scenario file \(ScenarioFileProblem(file: conflict.seedFile, problem: Self.conflictProblem(conflict)))")
        }
        logger.info("scenarios: \(loaded) loaded from \(folder.directory.path), \(problems.count) problems")
        return problems
    }

    public static func conflictProblem(_ conflict: ScenarioSeedConflict) -> ScenarioProblem {
        if conflict.isFromSync {
            return ScenarioProblem(line: 1, reason: "scenario '\(conflict.slug)' was saved here and on the paired server apart: revision \(conflict.currentRevision) "
                + "(saved last) is current; the other's text is kept in GET /api/scenarios/problems until a trainer saves the scenario")
        }
        return ScenarioProblem(line: 1, reason: "the file changed on disk but trainers had edited scenario '\(conflict.slug)' (revision \(conflict.currentRevision) is theirs): "
            + "their version stays; the file's text is kept in GET /api/scenarios/problems until a trainer saves the scenario")
    }

    public init(folder: ScenarioFolder, library: RecordingLibrary, resolver: ScenarioMediaResolver) {
        self.folder = folder
        self.library = library
        self.resolver = resolver
    }
}

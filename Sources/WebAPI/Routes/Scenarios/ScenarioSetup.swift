import Foundation
import Logging
import Services
import Storage

/// The scenario pieces built from the configuration: the folder, the media importer, the seeder
/// run at start-up and the controller.
struct ScenarioSetup: Sendable {
    let library: RecordingLibrary
    let folder: ScenarioFolder
    let resolver: ScenarioMediaResolver
    let seeds: Bool

    init(library: RecordingLibrary, configuration: ServerConfiguration) {
        self.library = library
        folder = ScenarioFolder(directory: configuration.scenariosDirectory ?? URL(fileURLWithPath: "Scenarios"),
                                mediaDirectory: configuration.scenarioMediaDirectory)
        resolver = ScenarioMediaResolver(library: library, importer: ShippedMediaImporter(library: library, media: folder.media,
                                                                                         settings: configuration.encoderSettings))
        seeds = configuration.scenariosDirectory != nil
    }

    /// Loads the shipped scenarios (when a folder is configured); returns the files' problems.
    func seed(logger: Logger) async throws -> [ScenarioFileProblem] {
        guard seeds else { return [] }
        return try await ScenarioSeeder(folder: folder, library: library, resolver: resolver).seed(logger: logger)
    }

    func controller(problems: [ScenarioFileProblem]) -> ScenariosController {
        ScenariosController(service: ScenarioService(library: library, folder: folder, resolver: resolver), fileProblems: problems)
    }
}

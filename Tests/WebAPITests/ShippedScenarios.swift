import Foundation
import TestSupport

/// The repository's `Scenarios/` and `media/` folders, and a media root where the server has
/// already imported the shipped scenarios' audio once: tests start from a copy of it, so the
/// first-start import (decoding and aligning every prompt) runs once per test run, not per test.
actor ShippedScenarios {
    static let shared = ShippedScenarios()

    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let folder = repository.appendingPathComponent("Scenarios")
    static let media = repository.appendingPathComponent("media/scenarios")

    /// Server arguments that load `folder` (the shipped one unless given) with the shipped media.
    static func arguments(folder: URL = ShippedScenarios.folder) -> [String] {
        ["--scenarios", folder.path, "--scenario-media", media.path]
    }

    /// The import, started by the first caller and awaited by every one (it runs once).
    private var template: Task<URL, any Error>?

    /// A new media root holding a database where the shipped scenarios are already loaded.
    func seededRoot() async throws -> URL {
        let importing = self.template ?? Task { try await Self.makeTemplate() }
        self.template = importing
        let template = try await importing.value
        let copy = try ExternalTool.temporaryDirectory("parlons-scenarios")
        try FileManager.default.removeItem(at: copy)
        try FileManager.default.copyItem(at: template, to: copy)
        return copy
    }

    private static func makeTemplate() async throws -> URL {
        let server = try await ServerProcess.start(arguments: Self.arguments(), startTimeout: 300)
        await server.stop()
        return server.mediaRoot
    }

    /// A copy of the shipped scenarios folder that a test may change.
    static func folderCopy() throws -> URL {
        let copy = try ExternalTool.temporaryDirectory("parlons-scenario-files")
        try FileManager.default.removeItem(at: copy)
        try FileManager.default.copyItem(at: folder, to: copy)
        return copy
    }
}

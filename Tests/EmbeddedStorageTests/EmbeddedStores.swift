import EmbeddedStorage
import Foundation
import Storage
import StoreConformance
import TestSupport

/// The embedded stores for the conformance suites: each factory call opens a new SQLite file and
/// media folders in a folder of its own, all under one temporary folder removed after the check.
enum EmbeddedStores {
    static func check(_ conformance: ConformanceCase) async throws {
        let parent = try ExternalTool.temporaryDirectory("parlons-conformance")
        defer { try? FileManager.default.removeItem(at: parent) }
        try await conformance.run {
            try EmbeddedStorage.open(root: parent.appendingPathComponent(UUID().uuidString, isDirectory: true))
        }
    }
}

import Foundation
import GRDB

/// A shipped scenario file that changed on disk after trainers had edited the scenario: the file's
/// new content, kept whole so that nothing is lost, until a trainer saves the scenario again.
public struct ScenarioSeedConflict: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord, MillisecondDates {
    public static let databaseTableName = "scenarioSeedConflict"

    public var slug: String
    public var seedFile: String
    public var fileBody: String
    public var fileHash: String
    /// The trainers' revision that stayed current.
    public var currentRevision: Int
    public var detectedAt: Date
}

import Foundation

/// A shipped scenario file that changed on disk after trainers had edited the scenario: the file's
/// new content, kept whole so that nothing is lost, until a trainer saves the scenario again.
public struct ScenarioSeedConflict: Codable, Sendable, Equatable {
    public var slug: String
    public var seedFile: String
    public var fileBody: String
    public var fileHash: String
    /// The trainers' revision that stayed current.
    public var currentRevision: Int
    public var detectedAt: Date

    public init(slug: String, seedFile: String, fileBody: String, fileHash: String, currentRevision: Int, detectedAt: Date) {
        self.slug = slug
        self.seedFile = seedFile
        self.fileBody = fileBody
        self.fileHash = fileHash
        self.currentRevision = currentRevision
        self.detectedAt = detectedAt
    }
}

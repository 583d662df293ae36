import Foundation

/// Where a scenario belongs and which of its revisions is current. Its content is the Markdown of
/// that revision (``ScenarioRevision``).
public struct ScenarioRecord: Codable, Sendable, Equatable {
    public var slug: String
    /// The group it belongs to; nil for scenarios shipped with Parlons.
    public var groupId: String?
    public var visibility: Visibility
    public var currentRevision: Int
    public var createdBy: String?
    public var createdAt: Date
    /// `slug@revision` of the scenario this one was copied from.
    public var copiedFrom: String?
    /// The file in `Scenarios/` it was seeded from.
    public var seedFile: String?
    /// SHA-256 of that file's content when last read.
    public var seedHash: String?
    /// The revision made from that content (nil when it could not be taken in: a conflict).
    public var seedRevision: Int?

    public init(slug: String, groupId: String?, visibility: Visibility, currentRevision: Int = 1, createdBy: String?,
                createdAt: Date = Date(), copiedFrom: String? = nil, seedFile: String? = nil, seedHash: String? = nil,
                seedRevision: Int? = nil) {
        self.slug = slug
        self.groupId = groupId
        self.visibility = visibility
        self.currentRevision = currentRevision
        self.createdBy = createdBy
        self.createdAt = Date(millisecondsSince1970: createdAt.millisecondsSince1970)
        self.copiedFrom = copiedFrom
        self.seedFile = seedFile
        self.seedHash = seedHash
        self.seedRevision = seedRevision
    }
}

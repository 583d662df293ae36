import Foundation

/// One scenario revision as it travels: its id on every server, the revisions it was made from
/// (several when a save settled a conflict), and the Markdown saved.
public struct SyncScenarioRevision: Codable, Sendable, Equatable {
    /// Random, the same on every server (revision numbers are local and may differ between servers).
    public var syncId: String
    /// The `syncId`s of the revisions that were heads when this one was saved.
    public var parents: [String]
    public var slug: String
    public var body: String
    public var authorId: String?
    public var message: String
    public var createdAt: Date

    public init(syncId: String, parents: [String], slug: String, body: String, authorId: String?, message: String, createdAt: Date) {
        self.syncId = syncId
        self.parents = parents
        self.slug = slug
        self.body = body
        self.authorId = authorId
        self.message = message
        self.createdAt = Date(millisecondsSince1970: createdAt.millisecondsSince1970)
    }
}

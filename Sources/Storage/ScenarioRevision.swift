import Foundation

/// One saved version of a scenario: its whole Markdown file, who saved it (nil for a shipped file),
/// when, and why.
public struct ScenarioRevision: Codable, Sendable, Equatable {
    public var slug: String
    /// 1, 2, 3… in the order saved.
    public var number: Int
    public var body: String
    public var authorId: String?
    public var message: String
    public var createdAt: Date

    public init(slug: String, number: Int, body: String, authorId: String?, message: String, createdAt: Date = Date()) {
        self.slug = slug
        self.number = number
        self.body = body
        self.authorId = authorId
        self.message = message
        self.createdAt = Date(millisecondsSince1970: createdAt.millisecondsSince1970)
    }
}

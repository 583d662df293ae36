import Foundation

/// A photo (a learner's face, a group's picture), stored by content hash in the picture store.
public struct Picture: Codable, Sendable, Equatable {
    public var sha256: String
    /// `image/png`, `image/jpeg` or `image/webp`, recognised from the bytes.
    public var contentType: String
    public var byteSize: Int
    public var createdAt: Date

    public init(sha256: String, contentType: String, byteSize: Int, createdAt: Date = Date()) {
        self.sha256 = sha256
        self.contentType = contentType
        self.byteSize = byteSize
        self.createdAt = Date(millisecondsSince1970: createdAt.millisecondsSince1970)
    }
}


import Foundation

/// A bundle's first part: who sent it, for which group, which of the sender's changes it holds,
/// what the sender has of ours, and every file with its size and SHA-256. The signature covers
/// these bytes, so it covers every file.
struct SyncManifest: Codable, Sendable, Equatable {
    struct File: Codable, Sendable, Equatable {
        /// `items.json`, `audio/<sha256>` or `pictures/<sha256>`.
        var name: String
        var size: Int
        var sha256: String
    }

    /// 2: bundles may hold spoken labels and photos. A server that reads only format 1 refuses
    /// them, rather than confirming items it would drop.
    static let currentFormat = 2
    var format = currentFormat
    var groupId: String
    /// The sender's server id.
    var from: String
    /// The sender's changes after this one and up to `upTo` are in the bundle.
    var since: Int64
    var upTo: Int64
    /// The receiver's changes the sender has applied, up to this one.
    var ack: Int64
    /// Milliseconds since 1970.
    var createdAt: Int64
    var files: [File]
}

import Foundation

/// A group paired with one other server (a camp's with the centre's): the key both hold, and how
/// far each side's changes have travelled.
///
/// Watermarks are sequence numbers of each server's own change log (``SyncChange/seq``).
public struct SyncPair: Codable, Sendable, Equatable {
    /// The group whose people, recordings, attempts and transcripts are exchanged.
    public var groupId: String
    /// The shared key (32 bytes) every bundle is signed with (HMAC-SHA256).
    public var key: [UInt8]
    /// The other server's id, learnt from its first bundle.
    public var peerServerId: String?
    /// Our changes up to this one were written into a bundle (the next export starts after it).
    public var sentUpTo: Int64
    /// The other side confirmed holding our changes up to this one.
    public var peerReceivedUpTo: Int64
    /// The other side's changes up to this one are applied here.
    public var receivedUpTo: Int64
    /// When a bundle was last written or applied.
    public var lastExchangeAt: Date?
    public var pairedAt: Date
    /// The other server's address (`https://centre.example/`), when this side syncs over HTTP.
    public var peerURL: String?

    public init(groupId: String, key: [UInt8], peerServerId: String? = nil, sentUpTo: Int64 = 0, peerReceivedUpTo: Int64 = 0,
                receivedUpTo: Int64 = 0, lastExchangeAt: Date? = nil, pairedAt: Date = Date(), peerURL: String? = nil) {
        self.peerURL = peerURL
        self.groupId = groupId
        self.key = key
        self.peerServerId = peerServerId
        self.sentUpTo = sentUpTo
        self.peerReceivedUpTo = peerReceivedUpTo
        self.receivedUpTo = receivedUpTo
        self.lastExchangeAt = lastExchangeAt.map { Date(millisecondsSince1970: $0.millisecondsSince1970) }
        self.pairedAt = Date(millisecondsSince1970: pairedAt.millisecondsSince1970)
    }
}

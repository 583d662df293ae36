/// A bundle offered for download: its name and size.
public struct SyncOffer: Codable, Sendable, Equatable {
    /// The bundle's file name in the outbox (checked like any bundle name).
    public var name: String
    /// Its whole size in bytes: a download ends there.
    public var size: Int

    public init(name: String, size: Int) {
        self.name = name
        self.size = size
    }
}

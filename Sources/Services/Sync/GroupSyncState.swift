import Foundation
import Storage

/// Where a group's pairing stands, as its trainer's screen shows it.
public struct GroupSyncState: Sendable, Equatable {
    /// False on an engine that keeps no change log (it cannot sync).
    public var available: Bool
    /// The group's pair, nil when it is not paired.
    public var pair: SyncPair?
    /// The last exchange and what waits to go, once paired.
    public var status: SyncStatus?
}

import Exercises
import Foundation
import Storage

/// Sync between two servers of one group (a camp's and the centre's), by bundles a trainer
/// carries (USB) or, later, over HTTP: the same exchange either way.
///
/// The merge rules (README, "Camp and centre sync"): recordings and attempts are append-only and
/// merge by id, a file moving once; transcript revisions merge by id, the current one is the head
/// saved last and two heads are a conflict shown to the trainer; progress is replayed from the
/// attempts through the level rule, never copied; consent travels first, a private recording
/// never leaves (unless shared with the owner's mentor), and a withdrawal wins everywhere, its
/// bytes deleted, never undone by a stale copy. Photos travel with their person or group as edits
/// (the later wins), checked against their hash; spoken labels travel on every pair, the later
/// take or removal winning.
public struct SyncService: Sendable {
    public let stores: Stores
    public let rule: LevelRule
    /// Kept by this service value and its copies (a controller keeps one for the server's life).
    let statusMemo = SyncStatusMemo()

    public init(stores: Stores, rule: LevelRule = .standard) {
        self.stores = stores
        self.rule = rule
    }

    /// The change log; an engine without one cannot sync.
    var sync: any SyncStore {
        get throws {
            guard let sync = stores.sync else { throw SyncError.unavailable }
            return sync
        }
    }

    // MARK: pairing

    /// Pairs the group here with a server that will enter the code this returns (shown once).
    public func startPairing(groupId: String, now: Date = Date()) async throws -> SyncPairingCode {
        guard try await stores.people.group(id: groupId) != nil else { throw SyncError.noSuchGroup(groupId) }
        let code = SyncPairingCode.generate()
        try await pair(groupId: groupId, code: code, now: now)
        return code
    }

    /// Pairs the group here with the server that showed `code` (the group may arrive with its
    /// first bundle).
    public func joinPairing(groupId: String, code typed: String, now: Date = Date()) async throws {
        guard ResourceID.isValid(groupId) else { throw SyncError.noSuchGroup(groupId) }
        try await pair(groupId: groupId, code: SyncPairingCode(typed: typed), now: now)
    }

    private func pair(groupId: String, code: SyncPairingCode, now: Date) async throws {
        guard try await sync.pair(groupId: groupId) == nil else { throw SyncError.alreadyPaired(groupId: groupId) }
        try await sync.save(SyncPair(groupId: groupId, key: code.key(groupId: groupId), pairedAt: now))
    }

    /// The group's pair, or `notPaired`.
    public func pair(groupId: String) async throws -> SyncPair {
        guard let pair = try await sync.pair(groupId: groupId) else { throw SyncError.notPaired(groupId: groupId) }
        return pair
    }
}

/// What an export wrote.
public struct SyncExportReport: Sendable, Equatable {
    public var file: URL
    public var bytes: Int
    public var items: Int
    public var recordings: Int
    public var audioBytes: Int
}

/// What an import applied, per bundle.
public struct SyncImportReport: Sendable, Equatable {
    public var file: String
    /// False when the bundle was already applied (or is this server's own).
    public var applied: Bool
    public var items: Int
    public var applyReport: SyncApplyReport
    /// True when a bundle before this one never arrived: the other side sends it again after
    /// reading our next bundle.
    public var missedEarlier: Bool
}

/// Where a group's sync stands: what the camp kiosk's picture will show (when it last exchanged,
/// and whether anything waits to go).
public struct SyncStatus: Sendable, Equatable {
    public var groupId: String
    /// When a bundle was last written or applied; nil before the first.
    public var lastExchangeAt: Date?
    /// Items the next bundle would carry.
    public var waiting: Int
    /// True when the other side has not confirmed items we sent (a bundle on its way, or lost).
    public var unconfirmed: Bool
}

extension SyncService {
    /// The group's sync status (`notPaired` without a pair).
    public func status(groupId: String) async throws -> SyncStatus {
        let pair = try await pair(groupId: groupId)
        let (changes, lastSeq) = try await sync.changes(after: pair.peerReceivedUpTo, excludingOrigin: pair.peerServerId)
        let basis = SyncStatusMemo.Basis(pair: pair, lastSeq: lastSeq)
        if let kept = await statusMemo.status(groupId: groupId, basis: basis) { return kept }
        let (waiting, _) = try await payload(for: changes.filter { $0.seq > pair.sentUpTo }, pair: pair)
        let (sent, _) = try await payload(for: changes.filter { $0.seq <= pair.sentUpTo }, pair: pair)
        let status = SyncStatus(groupId: groupId, lastExchangeAt: pair.lastExchangeAt, waiting: waiting.itemCount, unconfirmed: sent.itemCount > 0)
        await statusMemo.keep(status, basis: basis)
        return status
    }
}

extension SyncService {
    /// The status of those of `groupIds` that are paired, in their order; none on an engine that
    /// keeps no change log (such a server never syncs, so it has nothing to show).
    public func statuses(groupIds: [String]) async throws -> [SyncStatus] {
        guard stores.sync != nil else { return [] }
        var statuses: [SyncStatus] = []
        for groupId in groupIds {
            do {
                statuses.append(try await status(groupId: groupId))
            } catch SyncError.notPaired {
                continue
            }
        }
        return statuses
    }
}

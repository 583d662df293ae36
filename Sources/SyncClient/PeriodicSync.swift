import Foundation
import Logging
import Services
import Storage

/// `parlons serve --sync-every SECONDS`: an exchange over HTTP for every pair with the other
/// server's address, once each interval. A failure (the centre unreachable, a refusal) is logged
/// and tried again at the next tick; serving is never disturbed.
public struct PeriodicSync: Sendable {
    /// The exchanges' service (its stores: this server's).
    public let service: SyncService
    /// The media root's `sync/`.
    public let folder: URL
    /// Time between the end of one round of exchanges and the next.
    public let interval: Duration
    /// Where each exchange's summary and each failure go.
    public let logger: Logger

    /// A schedule to `run()`; nothing starts before.
    public init(service: SyncService, folder: URL, interval: Duration, logger: Logger) {
        self.service = service
        self.folder = folder
        self.interval = interval
        self.logger = logger
    }

    /// Runs until cancelled.
    public func run() async {
        while !Task.isCancelled {
            do {
                try await Task.sleep(for: interval)
            } catch {
                return
            }
            await exchangeAll()
        }
    }

    /// One exchange with every pair that has a peer address.
    public func exchangeAll() async {
        let pairs: [SyncPair]
        do {
            guard let store = service.stores.sync else { return }
            pairs = try await store.pairs()
        } catch {
            logger.warning("sync: the pairs cannot be read: \(error)")
            return
        }
        for pair in pairs {
            guard let address = pair.peerURL else { continue }
            let wire = WireCounter()
            do {
                let report = try await service.exchange(groupId: pair.groupId, with: HTTPSyncPeer(address: address, key: pair.key, wire: wire),
                                                        folder: folder)
                logger.info("sync: group \(pair.groupId) with \(address): \(report.summary), \(wire.total) bytes on the wire")
                for note in report.notes { logger.notice("sync: group \(pair.groupId) with \(address): \(note)") }
                for reason in report.refused {
                    logger.warning("sync: group \(pair.groupId) with \(address): the peer refused a bundle (set aside in sync/refused): \(reason)")
                }
            } catch {
                logger.warning("sync: group \(pair.groupId) with \(address) failed, trying again in \(interval): \(error)")
            }
        }
    }
}

import Foundation
import Hummingbird
import Logging
import Services
import SyncClient
import WebAPI

/// A side of a sync test served over HTTP on loopback (the real `parlons serve` application on
/// its stores), for the other side to exchange with as `parlons sync now` does.
final class LiveSyncServer: Sendable {
    let side: SyncSide
    let port: Int
    private let task: Task<Void, any Error>

    init(_ side: SyncSide) async throws {
        self.side = side
        var configuration = ServerConfiguration(port: 0)
        configuration.syncDirectory = side.world.root.appendingPathComponent("sync", isDirectory: true)
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        var logger = Logger(label: "live-sync")
        logger.logLevel = .critical  // a cut connection and the shutdown are expected here
        let app = try await buildApplication(configuration: configuration, stores: side.stores, passwords: side.world.passwords,
                                             logger: logger, onServerRunning: { continuation.yield($0.port) })
        task = Task { try await app.runService(gracefulShutdownSignals: []) }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else { throw CancellationError() }
        self.port = port
    }

    deinit { task.cancel() }

    func stop() async {
        task.cancel()
        _ = await task.result
    }

    var address: String { "http://127.0.0.1:\(port)/" }

    /// A client for the group's pair as `from` holds it.
    func peer(for from: SyncSide, groupId: String, wire: WireCounter = WireCounter()) async throws -> HTTPSyncPeer {
        let pair = try await from.service.pair(groupId: groupId)
        return HTTPSyncPeer(address: address, key: pair.key, wire: wire)
    }
}

extension SyncSide {
    /// Where this side keeps bundles of sync over HTTP.
    var syncFolder: URL { world.root.appendingPathComponent("sync", isDirectory: true) }

    /// One exchange with `peer` as `parlons sync now` makes it.
    func exchange(groupId: String, with peer: HTTPSyncPeer) async throws -> SyncExchangeReport {
        try await service.exchange(groupId: groupId, with: peer, folder: syncFolder)
    }
}

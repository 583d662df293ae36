import ArgumentParser
import Foundation
import Services
import SyncClient

/// `parlons sync now`: one exchange with the paired server over HTTP (push, then pull).
struct SyncNowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "now",
        abstract: "Exchange with the paired server over HTTP now: send what it lacks, then fetch what this server lacks (resumes a broken exchange)."
    )

    @Option(name: .long, help: "Id of the paired group.") var group: String
    @Option(name: .long, help: "The other server's address (https://centre.example/); kept for the next time.") var peer: String?
    @OptionGroup var store: StoreOptions

    func run() async throws {
        let service = SyncService(stores: try await store.stores())
        try await SyncFailure.exitingOnRefusal {
            if let peer { try await service.setPeerURL(groupId: group, url: peer) }
            let pair = try await service.pair(groupId: group)
            guard let address = pair.peerURL else { throw SyncTransferError.noPeerAddress(groupId: group) }
            let wire = WireCounter()
            let report = try await service.exchange(groupId: group, with: HTTPSyncPeer(address: address, key: pair.key, wire: wire),
                                                    folder: store.mediaRoot.appendingPathComponent("sync", isDirectory: true))
            print("\(report.summary); on the wire: \(wire.sent) bytes sent, \(wire.received) received")
            for note in report.notes { print("  " + note) }
            for reason in report.refused {
                FileHandle.standardError.write(Data("parlons sync: the other server refused a bundle (set aside in sync/refused): \(reason)\n".utf8))
            }
            if !report.refused.isEmpty { throw ExitCode.failure }
        }
    }
}

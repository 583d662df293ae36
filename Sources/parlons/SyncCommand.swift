import ArgumentParser
import Foundation
import Services
import SyncClient

/// `parlons sync`: pairing a group with another server, and bundles carried between them.
struct SyncCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Exchange a group's recordings, transcripts, attempts and consents with another Parlons (a camp's, the centre's).",
        subcommands: [SyncPairCommand.self, SyncNowCommand.self, SyncExportCommand.self, SyncImportCommand.self, SyncStatusCommand.self]
    )
}

struct SyncPairCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pair",
        abstract: "Pair a group with another server: without --code, print a one-time code to enter there; with --code, enter it."
    )

    @Option(name: .long, help: "Id of the group to sync.") var group: String
    @Option(name: .long, help: "The code the other server printed.") var code: String?
    @Option(name: .long, help: "The other server's address (https://centre.example/), for `parlons sync now` and `serve --sync-every`.")
    var peer: String?
    @OptionGroup var store: StoreOptions

    func run() async throws {
        let service = SyncService(stores: try await store.stores())
        try await SyncFailure.exitingOnRefusal {
            // Before pairing: a pairing made and then refused for its address could not be made again.
            if let peer { try SyncService.checkPeerURL(peer) }
            if let code {
                try await service.joinPairing(groupId: group, code: code)
                if let peer { try await service.setPeerURL(groupId: group, url: peer) }
                print("group \(group) paired: "
                      + (peer == nil ? "export and import bundles with `parlons sync export` and `parlons sync import`"
                                     : "exchange with `parlons sync now --group \(group)`, or by bundles"))
            } else {
                let code = try await service.startPairing(groupId: group)
                if let peer { try await service.setPeerURL(groupId: group, url: peer) }
                print(code.text)
            }
        }
    }
}

struct SyncExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a signed bundle of what the other server lacks into a folder (a USB stick)."
    )

    @Option(name: .long, help: "Id of the paired group.") var group: String
    @Argument(help: "Folder to write the bundle into (created if needed).") var folder: String
    @OptionGroup var store: StoreOptions

    func run() async throws {
        let service = SyncService(stores: try await store.stores())
        try await SyncFailure.exitingOnRefusal {
            let report = try await service.export(groupId: group, to: URL(fileURLWithPath: folder, isDirectory: true))
            print("\(report.file.path): \(report.items) items, \(report.recordings) recordings, \(report.bytes) bytes")
        }
    }
}

struct SyncImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Check and apply the bundles in a folder (or one bundle file) from the paired server."
    )

    @Argument(help: "Folder (or bundle file) written by `parlons sync export` on the other server.") var path: String
    @OptionGroup var store: StoreOptions

    func run() async throws {
        let service = SyncService(stores: try await store.stores())
        try await SyncFailure.exitingOnRefusal {
            let reports = try await service.importBundles(from: URL(fileURLWithPath: path))
            if reports.isEmpty { print("nothing to import: every bundle there was written here") }
            for report in reports {
                guard report.applied else { print("\(report.file): already imported"); continue }
                let summary = SyncImportSummary(report)
                print("\(report.file): \(summary.counts)")
                for note in summary.notes(side: "here") { print("  " + note) }
            }
        }
    }
}

struct SyncStatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "When the group last exchanged with the other server, and how much waits to go."
    )

    @Option(name: .long, help: "Id of the paired group.") var group: String
    @OptionGroup var store: StoreOptions

    func run() async throws {
        let service = SyncService(stores: try await store.stores())
        try await SyncFailure.exitingOnRefusal {
            let status = try await service.status(groupId: group)
            let last = status.lastExchangeAt.map { ISO8601DateFormatter().string(from: $0) } ?? "never"
            print("last exchange: \(last); waiting to go: \(status.waiting) items"
                  + (status.unconfirmed ? "; the other side has not confirmed the last bundle yet" : ""))
        }
    }
}

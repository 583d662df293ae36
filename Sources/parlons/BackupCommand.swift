import ArgumentParser
import Foundation
import Services

struct BackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Copy the database and the files it names into a new folder, consistently, while the server runs."
    )

    @Argument(help: "New or empty folder to write the backup to (it becomes a media root).") var destination: String
    @OptionGroup var store: StoreOptions

    func run() throws {
        let report = try BackupService(archiver: store.archiver()).backup(to: URL(fileURLWithPath: destination, isDirectory: true))
        print("\(destination): \(report.recordings) recordings, \(report.files) files, \(report.bytes) bytes")
    }
}

struct RestoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Copy a backup into a media root that has no database yet, checking every file first."
    )

    @Argument(help: "Folder written by `parlons backup`.") var source: String
    @OptionGroup var store: StoreOptions

    func run() throws {
        let report = try BackupService(archiver: store.archiver()).restore(from: URL(fileURLWithPath: source, isDirectory: true))
        print("\(store.mediaRoot.path): \(report.recordings) recordings, \(report.files) files, \(report.bytes) bytes restored")
    }
}

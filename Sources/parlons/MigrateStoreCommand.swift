import ArgumentParser
import EmbeddedStorage
import Foundation
import PostgresStorage
import S3Storage
import Services
import Storage

/// `parlons migrate-store`: a centre's media root (its database file and files) into PostgreSQL and,
/// with `--blobs`, an S3-compatible bucket.
struct MigrateStoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate-store",
        abstract: "Move a media root's database (and, with --blobs, its files) into PostgreSQL (and an S3 bucket); run again to continue.",
        discussion: """
            Stop the server on the media root first. Blobs are copied and read back (SHA-256), then every row, then both \
            sides are compared table by table. Exit status 1 on any refusal or difference, 3 when --stop-after stopped it.
            """
    )

    @Option(name: .long, help: "The media root to move (holding parlons.sqlite).") var from: String
    @Option(name: .long, help: "The PostgreSQL database to move the rows into: postgres://user[:password]@host[:port]/database.")
    var to: String
    @Option(name: .long, help: ArgumentHelp(
        "The S3 bucket to copy recordings, peaks and photos into (as serve's --blobs); without it they stay in the media root.",
        valueName: "s3-url"))
    var blobs: String?
    @Option(name: .long, help: "Stop after copying this many blobs and rows (to move a large library in slices).")
    var stopAfter: Int?

    func validate() throws {
        if let stopAfter, stopAfter < 1 { throw ValidationError("--stop-after: a number of blobs and rows, 1 or more") }
    }

    func run() async throws {
        guard let location = PostgresLocation(url: to) else {
            throw Self.refusal("--to: '\(to)' is not a postgres://user[:password]@host[:port]/database URL")
        }
        let report: StoreMigrationReport
        do {
            let root = URL(fileURLWithPath: from, isDirectory: true)
            let source = try EmbeddedStorage.openExisting(root: root)
            let database = try await PostgresMetadataStore.open(location, maximumConnections: 4)
            var destination = database.stores(audio: source.stores.audio, peaks: source.stores.peaks, pictures: source.stores.pictures)
            if let blobs {
                let bucket = try S3BlobStores.open(location: try S3Location(parsing: blobs),
                                                   credentials: try AWSCredentials.fromEnvironment(ProcessInfo.processInfo.environment),
                                                   stagingRoot: root)
                destination = database.stores(audio: bucket.audio, peaks: bucket.peaks, pictures: bucket.pictures)
            }
            var migration = StoreMigration(source: source.stores, sourceRows: source.rows, destination: destination, destinationRows: database)
            migration.stopAfter = stopAfter
            report = try await migration.run { Self.show($0) }
        } catch {
            // Every refusal and failure is one line naming it (the errors here describe themselves).
            throw Self.refusal(StorageError.classify(error)?.message ?? "\(error)")
        }
        guard report.finished else {
            print("stopped after \(stopAfter ?? 0) blobs and rows, as asked: run the same command again to continue")
            throw ExitCode(3)
        }
        print("done: the library is in PostgreSQL" + (blobs == nil ? ", its files still in \(from)" : " and the bucket"))
    }

    private static func show(_ progress: StoreMigrationProgress) {
        switch progress {
        case .blobsDone(let count):
            print("\(count.kind.folder): \(count.blobs) files, \(count.copied) copied (\(count.bytesCopied) bytes), every one read back")
        case .tableDone(let count):
            print("\(count.table): \(count.rows) rows, \(count.inserted) inserted")
        case .verified(let tables, let rows):
            print("checked: \(tables) tables, \(rows) rows the same on both sides")
        }
    }

    /// Says what is wrong on stderr, in one line; the exit status is 1.
    private static func refusal(_ message: String) -> ExitCode {
        FileHandle.standardError.write(Data("parlons migrate-store: \(message)\n".utf8))
        return ExitCode.failure
    }
}

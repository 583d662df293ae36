import ArgumentParser
import AudioCodec
import EmbeddedStorage
import Foundation
import PostgresStorage
import S3Storage
import Storage

/// Where the data lives and how audio is encoded; each option also reads a `PARLONS_*` variable.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: "Media root: Opus files and, by default, the database file. [env: PARLONS_MEDIA] (default: ./media)")
    var media: String?

    @Option(name: .long, help: """
        Database file, or a PostgreSQL server as postgres://user[:password]@host[:port]/database[?sslmode=MODE] (blobs stay \
        under the media root). [env: PARLONS_DATABASE] (default: <media>/parlons.sqlite)
        """)
    var database: String?

    @Option(name: .long, help: ArgumentHelp(
        "Keep recordings, peaks and photos in an S3-compatible bucket instead of the media root: s3://bucket[/prefix]?endpoint=http://host:port&region=us-east-1, with AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY set. Uploads are staged under the media root. [env: PARLONS_BLOBS]",
        valueName: "s3-url"))
    var blobs: String?

    @Option(name: .long, help: "Opus bitrate in bits per second, 12000-64000. [env: PARLONS_BITRATE] (default: 24000)")
    var bitrate: Int?

    var mediaRoot: URL {
        URL(fileURLWithPath: media ?? Environment.value("PARLONS_MEDIA") ?? "media", isDirectory: true)
    }

    var databasePath: String? { database ?? Environment.value("PARLONS_DATABASE") }

    var blobLocation: String? { blobs ?? Environment.value("PARLONS_BLOBS") }

    /// The embedded database file, nil when the database is a PostgreSQL server.
    var databaseFilePath: String? {
        guard let path = databasePath, !Self.isServerURL(path) else { return nil }
        return path
    }

    /// The PostgreSQL server the database option names, nil for the embedded file.
    func postgresLocation() throws -> PostgresLocation? {
        guard let text = databasePath, Self.isServerURL(text) else { return nil }
        guard let location = PostgresLocation(url: text) else {
            throw ValidationError("--database: '\(text)' is not a postgres://user[:password]@host[:port]/database URL")
        }
        return location
    }

    private static func isServerURL(_ text: String) -> Bool {
        let lowered = text.lowercased()
        return lowered.hasPrefix("postgres://") || lowered.hasPrefix("postgresql://")
    }

    /// The stores these options name: the embedded database or a PostgreSQL server, with the
    /// blobs in the media folder or, with `--blobs`, in an S3 bucket (checked now: a wrong
    /// database, bucket, key or endpoint stops start-up) whose recovery spares what is younger
    /// than `sweepGrace` (other nodes' uploads in flight; the commands other than `serve` never
    /// recover).
    func stores(sweepGrace: Duration = .zero) async throws -> Stores {
        let bucket: S3BlobStores?
        if let blobLocation {
            bucket = try S3BlobStores.open(location: try S3Location(parsing: blobLocation),
                                           credentials: try AWSCredentials.fromEnvironment(ProcessInfo.processInfo.environment),
                                           stagingRoot: mediaRoot, sweepGrace: sweepGrace)
        } else {
            bucket = nil
        }
        guard let location = try postgresLocation() else {
            let embedded = try EmbeddedStorage.open(root: mediaRoot, databasePath: databasePath)
            guard let bucket else { return embedded }
            return embedded.replacingBlobs(audio: bucket.audio, peaks: bucket.peaks, pictures: bucket.pictures)
        }
        let database = try await PostgresMetadataStore.open(location)
        return database.stores(audio: try bucket?.audio ?? FileBlobStore(root: mediaRoot, kind: .recordings),
                               peaks: try bucket?.peaks ?? FileBlobStore(root: mediaRoot, kind: .peaks),
                               pictures: try bucket?.pictures ?? FileBlobStore(root: mediaRoot, kind: .pictures))
    }

    /// How the embedded library these options name is backed up and restored (the media folder's
    /// files and the database file).
    func archiver() throws -> any LibraryArchiver {
        if try postgresLocation() != nil {
            throw ValidationError("backup and restore copy the embedded database; back a PostgreSQL database up with its own tools (pg_dump)")
        }
        if blobLocation != nil { throw ValidationError("backup and restore copy the media folder; blobs kept in S3 (--blobs) are not supported yet") }
        return EmbeddedArchiver(root: mediaRoot, databasePath: databasePath)
    }

    func library() async throws -> RecordingLibrary {
        RecordingLibrary(stores: try await stores())
    }

    func encoderSettings() throws -> OpusEncoderSettings {
        let value = try bitrate ?? Environment.integer("PARLONS_BITRATE") ?? OpusEncoderSettings.defaultBitrate
        do {
            return try OpusEncoderSettings(bitrate: value)
        } catch {
            throw ValidationError("--bitrate: \(error)")
        }
    }
}

/// Reads settings from the environment.
enum Environment {
    static func value(_ name: String) -> String? {
        ProcessInfo.processInfo.environment[name].flatMap { $0.isEmpty ? nil : $0 }
    }

    static func integer(_ name: String) throws -> Int? {
        guard let text = value(name) else { return nil }
        guard let number = Int(text) else { throw ValidationError("\(name)=\(text) is not a whole number") }
        return number
    }
}

import ArgumentParser
import AudioCodec
import EmbeddedStorage
import Foundation
import S3Storage
import Storage

/// Where the data lives and how audio is encoded; each option also reads a `PARLONS_*` variable.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: "Media root: Opus files and, by default, the database file. [env: PARLONS_MEDIA] (default: ./media)")
    var media: String?

    @Option(name: .long, help: "Database file. [env: PARLONS_DATABASE] (default: <media>/parlons.sqlite)")
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

    /// The stores these options name: the embedded database, and the media folder or, with
    /// `--blobs`, an S3 bucket (checked now: a wrong bucket, key or endpoint stops start-up).
    func stores() throws -> Stores {
        let embedded = try EmbeddedStorage.open(root: mediaRoot, databasePath: databasePath)
        guard let blobLocation else { return embedded }
        let location = try S3Location(parsing: blobLocation)
        let blobs = try S3BlobStores.open(location: location, credentials: try AWSCredentials.fromEnvironment(ProcessInfo.processInfo.environment),
                                          stagingRoot: mediaRoot)
        return Stores(recordings: embedded.recordings, people: embedded.people, credentials: embedded.credentials, sessions: embedded.sessions,
                      transcripts: embedded.transcripts, progress: embedded.progress, scenarios: embedded.scenarios, labels: embedded.labels,
                      photos: embedded.photos, sync: embedded.sync, audio: blobs.audio, peaks: blobs.peaks, pictures: blobs.pictures)
    }

    /// How the embedded library these options name is backed up and restored (the media folder's
    /// files: a bucket's blobs are not copied yet).
    func archiver() throws -> any LibraryArchiver {
        if blobLocation != nil { throw ValidationError("backup and restore copy the media folder; blobs kept in S3 (--blobs) are not supported yet") }
        return EmbeddedArchiver(root: mediaRoot, databasePath: databasePath)
    }

    func library() throws -> RecordingLibrary {
        RecordingLibrary(stores: try stores())
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

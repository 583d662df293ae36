import ArgumentParser
import AudioCodec
import EmbeddedStorage
import Foundation
import Storage

/// Where the data lives and how audio is encoded; each option also reads a `PARLONS_*` variable.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: "Media root: Opus files and, by default, the database file. [env: PARLONS_MEDIA] (default: ./media)")
    var media: String?

    @Option(name: .long, help: "Database file. [env: PARLONS_DATABASE] (default: <media>/parlons.sqlite)")
    var database: String?

    @Option(name: .long, help: "Opus bitrate in bits per second, 12000-64000. [env: PARLONS_BITRATE] (default: 24000)")
    var bitrate: Int?

    var mediaRoot: URL {
        URL(fileURLWithPath: media ?? Environment.value("PARLONS_MEDIA") ?? "media", isDirectory: true)
    }

    var databasePath: String? { database ?? Environment.value("PARLONS_DATABASE") }

    /// The stores these options name: the embedded database and media folder.
    func stores() throws -> Stores {
        try EmbeddedStorage.open(root: mediaRoot, databasePath: databasePath)
    }

    /// How the embedded library these options name is backed up and restored.
    func archiver() -> any LibraryArchiver {
        EmbeddedArchiver(root: mediaRoot, databasePath: databasePath)
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

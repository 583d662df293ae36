import ArgumentParser
import AudioCodec
import Foundation

struct EncodeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "encode",
        abstract: "Turn a WAV, Ogg Opus, WebM, MP4, MP3 or FLAC file into our Ogg Opus with the server's ingest pipeline."
    )

    @Argument(help: "File to read (the format is recognised from its bytes).") var input: String
    @Argument(help: "Ogg Opus file to write.") var output: String
    @Option(name: .long, help: "Opus bitrate in bits per second, 12000-64000 (for audio we encode).")
    var bitrate: Int = OpusEncoderSettings.defaultBitrate
    @Option(name: .long, help: "TITLE comment to write.") var title: String?
    @Option(name: .long, help: "LANGUAGE comment to write (BCP 47).") var language: String?

    func run() throws {
        let settings: OpusEncoderSettings
        do { settings = try OpusEncoderSettings(bitrate: bitrate) } catch { throw ValidationError("--bitrate: \(error)") }
        guard let source = FileHandle(forReadingAtPath: input) else { throw ValidationError("cannot open \(input)") }
        let head = try source.read(upToCount: AudioContainer.sniffLength) ?? Data()
        let container = AudioContainer.sniff([UInt8](head))
        guard FileManager.default.createFile(atPath: output, contents: nil), let sink = FileHandle(forWritingAtPath: output) else {
            throw ValidationError("cannot create \(output)")
        }
        var pending: [UInt8] = []
        guard let ingestor = try OggOpusIngest.make(
            for: container, settings: settings, title: title, language: language,
            scratchDirectory: FileManager.default.temporaryDirectory,
            output: { pending.append(contentsOf: $0) },
            restart: {
                pending.removeAll()
                try sink.truncate(atOffset: 0)
            }
        ) else {
            try? FileManager.default.removeItem(atPath: output)
            throw ValidationError("\(input): \(container.displayName) files are not taken")
        }
        do {
            try head.withUnsafeBytes { try ingestor.consume($0) }
            while let chunk = try source.read(upToCount: 256 * 1_024), !chunk.isEmpty {
                try chunk.withUnsafeBytes { try ingestor.consume($0) }
                try sink.write(contentsOf: pending)
                pending.removeAll(keepingCapacity: true)
            }
            let result = try ingestor.finish()
            try sink.write(contentsOf: pending)
            try sink.close()
            let how = result.encoded ? "encoded" : "re-muxed"
            print("\(output): \(result.encoding.durationMs) ms, \(how) from \(result.sourceFormat) \(result.inputSampleRate) Hz × \(result.inputChannels)")
        } catch {
            try? FileManager.default.removeItem(atPath: output)
            throw ValidationError("\(input): \(error)")
        }
    }
}

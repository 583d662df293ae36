import ArgumentParser
import AudioCodec
import Foundation

struct EncodeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "encode",
        abstract: "Encode a WAV file to Ogg Opus with the server's streaming pipeline."
    )

    @Argument(help: "WAV file to read.") var input: String
    @Argument(help: "Ogg Opus file to write.") var output: String
    @Option(name: .long, help: "Opus bitrate in bits per second, 12000-64000.") var bitrate: Int = OpusEncoderSettings.defaultBitrate
    @Option(name: .long, help: "TITLE comment to write.") var title: String?
    @Option(name: .long, help: "LANGUAGE comment to write (BCP 47).") var language: String?

    func run() throws {
        let settings: OpusEncoderSettings
        do { settings = try OpusEncoderSettings(bitrate: bitrate) } catch { throw ValidationError("--bitrate: \(error)") }
        guard let source = FileHandle(forReadingAtPath: input) else { throw ValidationError("cannot open \(input)") }
        guard FileManager.default.createFile(atPath: output, contents: nil), let sink = FileHandle(forWritingAtPath: output) else {
            throw ValidationError("cannot create \(output)")
        }
        var pending: [UInt8] = []
        let transcoder = WAVToOggOpusTranscoder(settings: settings, title: title, language: language) { bytes in
            pending.append(contentsOf: bytes)
        }
        do {
            while let chunk = try source.read(upToCount: 256 * 1_024), !chunk.isEmpty {
                try chunk.withUnsafeBytes { try transcoder.consume($0) }
                try sink.write(contentsOf: pending)
                pending.removeAll(keepingCapacity: true)
            }
            let result = try transcoder.finishWAV()
            try sink.write(contentsOf: pending)
            try sink.close()
            print("\(output): \(result.encoding.durationMs) ms, from \(result.format.sourceFormatName) \(result.format.sampleRate) Hz × \(result.format.channels)")
        } catch {
            try? FileManager.default.removeItem(atPath: output)
            throw ValidationError("\(input): \(error)")
        }
    }
}

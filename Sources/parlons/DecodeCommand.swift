import ArgumentParser
import AudioCodec
import Foundation

struct DecodeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decode",
        abstract: "Decode an Ogg Opus file to 16-bit 48 kHz mono WAV, as /media/ID.wav does."
    )

    @Argument(help: "Ogg Opus file to read.") var input: String
    @Argument(help: "WAV file to write.") var output: String

    func run() throws {
        guard let source = FileHandle(forReadingAtPath: input) else { throw ValidationError("cannot open \(input)") }
        guard FileManager.default.createFile(atPath: output, contents: nil), let sink = FileHandle(forWritingAtPath: output) else {
            throw ValidationError("cannot create \(output)")
        }
        var pcm: [UInt8] = []
        var frames = 0
        let decoder = OggOpusDecoder { samples in
            WAVWriter.appendPCM16(samples, to: &pcm)
            frames += samples.count
        }
        do {
            // The header's sizes are written last, once the length is known.
            try sink.write(contentsOf: WAVWriter.header(sampleRate: 48_000, frameCount: 0))
            while let chunk = try source.read(upToCount: 256 * 1_024), !chunk.isEmpty {
                try chunk.withUnsafeBytes { try decoder.consume($0) }
                try sink.write(contentsOf: pcm)
                pcm.removeAll(keepingCapacity: true)
            }
            try decoder.finish()
            try sink.seek(toOffset: 0)
            try sink.write(contentsOf: WAVWriter.header(sampleRate: 48_000, frameCount: frames))
            try sink.close()
        } catch {
            try? FileManager.default.removeItem(atPath: output)
            throw ValidationError("\(input): \(error)")
        }
    }
}

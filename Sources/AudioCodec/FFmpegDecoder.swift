import Foundation

/// Decodes the formats Parlons does not parse itself — AAC (and ALAC) in MP4 from older Safari and
/// phone voice memos, MP3 and FLAC that trainers bring — with Debian's FFmpeg, run as a separate
/// process on a scratch copy of the upload.
///
/// Why a process and not libavcodec linked in: decoders of many formats are the largest attack
/// surface we would expose, and a crash or hang in one must not take the server down with it; in a
/// child process it is an error for one upload (and a timeout kills it). The process start costs
/// ~50 ms, nothing next to a file a trainer brings. FFmpeg is held to what we recognised: its
/// demuxer is forced to the container we sniffed, only local files may be opened, and the audio
/// codec must be one we expect there.
public enum FFmpegDecoder {
    /// What `ffprobe` found in a file's first audio stream.
    public struct Probe: Sendable, Equatable {
        public let codec: String
        public let sampleRate: Int
        public let channels: Int
    }

    /// How long a decode may run before it is killed.
    public static let timeoutSeconds = 600

    /// The containers sent to FFmpeg, with FFmpeg's demuxer for each and the codecs accepted in it.
    static func demuxer(for container: AudioContainer) -> (name: String, codecs: Set<String>)? {
        switch container {
        case .mp3: ("mp3", ["mp3"])
        case .flac: ("flac", ["flac"])
        case .mp4: ("mov", ["aac", "alac", "mp3", "opus", "flac"])
        default: nil
        }
    }

    private static func requireDemuxer(for container: AudioContainer) throws -> (name: String, codecs: Set<String>) {
        guard let demuxer = demuxer(for: container) else { throw FFmpegError.unsupportedCodec(container: container.displayName, codec: "?") }
        return demuxer
    }

    /// Checks that the file holds an audio stream in a codec we take, and what it is.
    public static func probe(path: String, container: AudioContainer) throws -> Probe {
        let demuxer = try requireDemuxer(for: container)
        let arguments = ["-v", "error", "-protocol_whitelist", "file", "-f", demuxer.name, "-select_streams", "a:0",
                         "-show_entries", "stream=codec_name,sample_rate,channels", "-of", "json", path]
        var json = Data()
        try FFmpegProcess.run(tool: "ffprobe", arguments: arguments, timeoutSeconds: 60) { json.append(contentsOf: $0) }
        struct Output: Decodable {
            struct Stream: Decodable { let codec_name: String?; let sample_rate: String?; let channels: Int? }
            let streams: [Stream]?
        }
        guard let stream = (try? JSONDecoder().decode(Output.self, from: json))?.streams?.first, let codec = stream.codec_name else {
            throw FFmpegError.noAudioStream(container: container.displayName)
        }
        guard demuxer.codecs.contains(codec) else { throw FFmpegError.unsupportedCodec(container: container.displayName, codec: codec) }
        return Probe(codec: codec, sampleRate: stream.sample_rate.flatMap { Int($0) } ?? 0, channels: stream.channels ?? 0)
    }

    /// Decodes the file's first audio stream and hands out a WAV stream (32-bit float, the source's
    /// rate and channels, sizes unknown) as it comes from FFmpeg.
    public static func decode(path: String, container: AudioContainer, output: (UnsafeRawBufferPointer) throws -> Void) throws {
        let demuxer = try requireDemuxer(for: container)
        let arguments = ["-nostdin", "-v", "error", "-xerror", "-protocol_whitelist", "file", "-f", demuxer.name, "-i", path,
                         "-map", "0:a:0", "-vn", "-sn", "-dn", "-c:a", "pcm_f32le", "-f", "wav", "-"]
        try FFmpegProcess.run(tool: "ffmpeg", arguments: arguments, timeoutSeconds: timeoutSeconds, output: output)
    }
}

/// Why FFmpeg could not turn a file Parlons does not parse itself (MP4/AAC, MP3, FLAC) into PCM.
public enum FFmpegError: Error, Equatable, CustomStringConvertible {
    /// `ffmpeg`/`ffprobe` are not installed on the server.
    case unavailable(String)
    case noAudioStream(container: String)
    case unsupportedCodec(container: String, codec: String)
    /// FFmpeg refused or failed on the bytes; its own last words.
    case undecodable(String)
    case timedOut(seconds: Int)

    public var description: String {
        switch self {
        case .unavailable(let tool): "this server cannot decode the file: \(tool) is not installed"
        case .noAudioStream(let container): "the \(container) file has no audio stream"
        case .unsupportedCodec(let container, let codec): "unsupported audio codec '\(codec)' in \(container)"
        case .undecodable(let why): "the audio does not decode: \(why)"
        case .timedOut(let seconds): "decoding took longer than \(seconds) s and was stopped"
        }
    }
}

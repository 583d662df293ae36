/// Why a byte stream is not an MP4 file with audio Parlons can take.
public enum MP4Error: Error, Equatable, CustomStringConvertible {
    case notMP4
    case invalidBox(offset: Int, String)
    case boxTooLarge(type: String, size: Int)
    case tooDeep
    case noAudioTrack
    case unsupportedCodec(String)
    case invalidTrack(String)
    /// The sample index (moov) comes after the audio; only fragmented or fast-start files stream.
    case indexAfterAudio
    case truncated
    case noAudio

    public var description: String {
        switch self {
        case .notMP4: "not an MP4 file (ftyp box missing)"
        case .invalidBox(let offset, let why): "invalid MP4 box at byte \(offset): \(why)"
        case .boxTooLarge(let type, let size): "MP4 box '\(type)' is too large (\(size) bytes)"
        case .tooDeep: "MP4 boxes nested too deeply"
        case .noAudioTrack: "the MP4 file has no audio track"
        case .unsupportedCodec(let codec): "unsupported MP4 audio codec '\(codec)' (Opus only for now)"
        case .invalidTrack(let why): "invalid MP4 audio track: \(why)"
        case .indexAfterAudio: "this MP4 keeps its index after the audio: send a fragmented or fast-start MP4"
        case .truncated: "MP4 file truncated"
        case .noAudio: "the MP4 file holds no audio"
        }
    }
}

/// Why a byte stream is not a WebM/Matroska file with audio Parlons can take.
public enum WebMError: Error, Equatable, CustomStringConvertible {
    case notEBML
    case unsupportedDocType(String)
    /// A size or ID that cannot be right (a bad VINT, an element larger than its parent).
    case invalidElement(offset: Int, String)
    /// An element too large to hold (the limit protects memory).
    case elementTooLarge(id: UInt32, size: Int)
    case tooDeep
    /// Blocks arrived before the Tracks element described them.
    case blocksBeforeTracks
    case noAudioTrack
    case unsupportedCodec(String)
    case invalidTrack(String)
    case invalidBlock(String)
    /// The stream ended inside an element or before any audio.
    case truncated
    case noAudio

    public var description: String {
        switch self {
        case .notEBML: "not a WebM/Matroska file (EBML header missing)"
        case .unsupportedDocType(let type): "unsupported EBML document type '\(type)' (expected webm or matroska)"
        case .invalidElement(let offset, let why): "invalid WebM element at byte \(offset): \(why)"
        case .elementTooLarge(let id, let size): "WebM element 0x\(String(id, radix: 16)) is too large (\(size) bytes)"
        case .tooDeep: "WebM elements nested too deeply"
        case .blocksBeforeTracks: "WebM audio blocks come before the track list"
        case .noAudioTrack: "the WebM file has no audio track"
        case .unsupportedCodec(let codec): "unsupported WebM audio codec \(codec) (Opus or PCM only)"
        case .invalidTrack(let why): "invalid WebM audio track: \(why)"
        case .invalidBlock(let why): "invalid WebM block: \(why)"
        case .truncated: "WebM file truncated"
        case .noAudio: "the WebM file holds no audio"
        }
    }
}

/// The container a byte stream holds, recognised from its first bytes (never from a file name or a
/// Content-Type header, which may lie).
public enum AudioContainer: String, Sendable, Equatable {
    case wav, ogg, webm, mp4, mp3, flac, caf, unknown

    /// Bytes needed to tell every known container apart.
    public static let sniffLength = 12

    /// Recognises the container from the stream's first bytes (pass at least `sniffLength` when
    /// the stream has them).
    public static func sniff(_ prefix: some Collection<UInt8>) -> AudioContainer {
        let bytes = Array(prefix.prefix(sniffLength))
        func starts(_ magic: [UInt8], at offset: Int = 0) -> Bool {
            bytes.count >= offset + magic.count && Array(bytes[offset..<(offset + magic.count)]) == magic
        }
        if starts(Array("RIFF".utf8)) || starts(Array("RF64".utf8)) { return .wav }
        if starts(Array("OggS".utf8)) { return .ogg }
        if starts([0x1A, 0x45, 0xDF, 0xA3]) { return .webm }
        if starts(Array("ftyp".utf8), at: 4) { return .mp4 }
        if starts(Array("fLaC".utf8)) { return .flac }
        if starts(Array("caff".utf8)) { return .caf }
        if starts(Array("ID3".utf8)) || (bytes.count >= 2 && bytes[0] == 0xFF && bytes[1] & 0xE0 == 0xE0) { return .mp3 }
        return .unknown
    }

    /// How people call it, for error messages.
    public var displayName: String {
        switch self {
        case .wav: "WAV"
        case .ogg: "Ogg"
        case .webm: "WebM/Matroska"
        case .mp4: "MP4"
        case .mp3: "MP3"
        case .flac: "FLAC"
        case .caf: "CAF"
        case .unknown: "unrecognised"
        }
    }
}

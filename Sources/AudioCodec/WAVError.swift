/// Why a byte stream is not a WAV file Parlons can read. Each case says what is wrong in words a
/// person uploading the file can act on.
public enum WAVError: Error, Equatable, CustomStringConvertible {
    /// The stream ended inside the RIFF header or a chunk header.
    case truncatedHeader
    /// The first 12 bytes are not `RIFF….WAVE`.
    case notRIFFWAVE
    /// The `fmt ` chunk is shorter than 16 bytes or longer than any real one.
    case invalidFormatChunkSize(Int)
    /// The format tag is neither PCM, IEEE float nor an extensible wrapper of one of them.
    case unsupportedFormatTag(UInt16)
    /// An extensible format whose sub-format GUID is not PCM or IEEE float.
    case unsupportedSubFormat
    case unsupportedBitsPerSample(Int, WAVFormat.Encoding)
    case zeroChannels
    case sampleRateOutOfRange(Int)
    /// `blockAlign` disagrees with channels × bytes per sample.
    case inconsistentBlockAlign(declared: Int, expected: Int)
    /// A `data` chunk came before any `fmt ` chunk.
    case dataBeforeFormat
    /// The stream ended without a `data` chunk.
    case dataChunkMissing
    /// The `data` chunk declared more bytes than the stream carried.
    case truncatedData(declared: Int, received: Int)
    /// A chunk claims to extend past the end the RIFF header declared.
    case chunkExceedsRIFF(chunk: String, size: Int)
    /// A second `fmt ` chunk, or one after the audio.
    case unexpectedFormatChunk
    /// The `data` chunk holds not even one frame.
    case noAudio

    public var description: String {
        switch self {
        case .truncatedHeader: "WAV header truncated"
        case .notRIFFWAVE: "not a RIFF/WAVE file"
        case .invalidFormatChunkSize(let size): "WAV fmt chunk has an invalid size (\(size) bytes)"
        case .unsupportedFormatTag(let tag): "unsupported WAV format tag 0x\(String(tag, radix: 16, uppercase: false).leftPadded(to: 4))"
        case .unsupportedSubFormat: "unsupported WAV extensible sub-format (only PCM and IEEE float)"
        case .unsupportedBitsPerSample(let bits, let encoding):
            "unsupported WAV sample size: \(bits)-bit \(encoding == .integer ? "integer PCM" : "float")"
        case .zeroChannels: "WAV declares zero channels"
        case .sampleRateOutOfRange(let rate):
            "WAV sample rate \(rate) Hz is outside \(WAVFormat.sampleRateRange.lowerBound)…\(WAVFormat.sampleRateRange.upperBound) Hz"
        case .inconsistentBlockAlign(let declared, let expected):
            "WAV block align \(declared) does not match the format (expected \(expected))"
        case .dataBeforeFormat: "WAV data chunk comes before the fmt chunk"
        case .dataChunkMissing: "WAV data chunk missing"
        case .truncatedData(let declared, let received):
            "WAV data truncated: the data chunk declares \(declared) bytes but only \(received) arrived"
        case .chunkExceedsRIFF(let chunk, let size): "WAV chunk '\(chunk)' (\(size) bytes) extends past the end of the RIFF data"
        case .unexpectedFormatChunk: "WAV has a second fmt chunk"
        case .noAudio: "WAV data chunk holds no audio"
        }
    }
}

extension String {
    func leftPadded(to length: Int) -> String {
        count >= length ? self : String(repeating: "0", count: length - count) + self
    }
}

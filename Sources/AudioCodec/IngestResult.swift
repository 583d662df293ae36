/// What turning an upload into our Ogg Opus stream found and did.
public struct IngestResult: Sendable, Equatable {
    /// `wav/pcm16`, `ogg/opus`, `webm/opus`, `webm/pcm16`…
    public let sourceFormat: String
    public let inputSampleRate: Int
    public let inputChannels: Int
    public let encoding: OggOpusEncoder.Summary
    /// True when the audio was encoded by us; false when the source's Opus packets were kept.
    public let encoded: Bool

    public init(sourceFormat: String, inputSampleRate: Int, inputChannels: Int, encoding: OggOpusEncoder.Summary, encoded: Bool) {
        self.sourceFormat = sourceFormat
        self.inputSampleRate = inputSampleRate
        self.inputChannels = inputChannels
        self.encoding = encoding
        self.encoded = encoded
    }
}

/// Something that turns an upload's bytes, as they arrive, into our Ogg Opus stream.
public protocol OggOpusIngestor: AnyObject {
    func consume(_ bytes: UnsafeRawBufferPointer) throws
    func finish() throws -> IngestResult
}

/// Picks the ingestor for a container recognised from the bytes.
public enum OggOpusIngest {
    /// The ENCODER comment's value.
    public static let encoderName = "Parlons 0.1"

    /// Our OpusTags comments for a recording.
    public static func comments(title: String?, language: String?) -> [String] {
        var comments = ["ENCODER=\(encoderName)"]
        if let title, !title.isEmpty { comments.append("TITLE=\(title)") }
        if let language, !language.isEmpty { comments.append("LANGUAGE=\(language)") }
        return comments
    }

    /// nil for containers we do not take.
    public static func make(
        for container: AudioContainer,
        settings: OpusEncoderSettings,
        title: String?,
        language: String?,
        output: @escaping (UnsafeRawBufferPointer) throws -> Void
    ) -> (any OggOpusIngestor)? {
        switch container {
        case .wav: WAVToOggOpusTranscoder(settings: settings, title: title, language: language, output: output)
        case .ogg: OggOpusRemuxer(comments: comments(title: title, language: language), output: output)
        case .webm: WebMToOggOpus(settings: settings, title: title, language: language, output: output)
        case .mp4: MP4ToOggOpus(comments: comments(title: title, language: language), output: output)
        default: nil
        }
    }
}

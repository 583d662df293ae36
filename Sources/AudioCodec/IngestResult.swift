import Foundation

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

    /// The ingestor for a container; nil for containers we do not take.
    ///
    /// - Parameters:
    ///   - scratchDirectory: where uploads that must be read twice are kept meanwhile (Ogg, in case
    ///     it turns out chained; MP4 until its codec is known; files FFmpeg decodes).
    ///   - output: receives our Ogg Opus stream's bytes.
    ///   - restart: throws away everything `output` received so far (a chained Ogg, found late, is
    ///     decoded again from its start).
    public static func make(
        for container: AudioContainer,
        settings: OpusEncoderSettings,
        title: String?,
        language: String?,
        scratchDirectory: URL,
        output: @escaping (UnsafeRawBufferPointer) throws -> Void,
        restart: @escaping () throws -> Void
    ) throws -> (any OggOpusIngestor)? {
        switch container {
        case .wav: WAVToOggOpusTranscoder(settings: settings, title: title, language: language, output: output)
        case .ogg: try OggUploadIngestor(settings: settings, comments: comments(title: title, language: language),
                                         scratchDirectory: scratchDirectory, output: output, restart: restart)
        case .webm: WebMToOggOpus(settings: settings, title: title, language: language, output: output)
        case .mp4: try MP4UploadIngestor(settings: settings, title: title, language: language, scratchDirectory: scratchDirectory, output: output)
        case .mp3, .flac:
            FFmpegDecodingIngestor(container: container, scratch: try ScratchFile(in: scratchDirectory), settings: settings,
                                   title: title, language: language, output: output)
        case .caf, .unknown: nil
        }
    }
}

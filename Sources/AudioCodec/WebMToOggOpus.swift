/// WebM/Matroska uploads to our Ogg Opus stream: Opus tracks are re-muxed (the same packets,
/// granules from their TOC durations, pre-skip from the OpusHead, end trimming from
/// DiscardPadding); PCM tracks are encoded like WAV.
public final class WebMToOggOpus: OggOpusIngestor {
    private let settings: OpusEncoderSettings
    private let title: String?
    private let language: String?
    private let output: (UnsafeRawBufferPointer) throws -> Void
    private var demuxer: WebMDemuxer!
    private var writer: OggOpusStreamWriter?
    private var transcoder: WAVToOggOpusTranscoder?
    private var track: WebMAudioTrack?

    public init(settings: OpusEncoderSettings, title: String?, language: String?, output: @escaping (UnsafeRawBufferPointer) throws -> Void) {
        self.settings = settings
        self.title = title
        self.language = language
        self.output = output
        demuxer = WebMDemuxer(onTrack: { [unowned self] in try self.start($0) }, onFrame: { [unowned self] in try self.frame($0) })
    }

    public func consume(_ bytes: UnsafeRawBufferPointer) throws {
        try demuxer.consume(bytes)
    }

    public func finish() throws -> IngestResult {
        try demuxer.finish()
        guard let track else { throw WebMError.noAudioTrack }
        switch track.codec {
        case .opus(let head):
            guard let writer else { throw WebMError.noAudio }
            // Trimming can only cut into the last packet (120 ms at most): clamping to a second first
            // changes nothing real and keeps a lying 64-bit DiscardPadding from overflowing.
            let padding = Int(min(max(demuxer.discardPaddingNs, 0), 1_000_000_000) * 48_000 / 1_000_000_000)
            let length = try writer.finish(length48k: Int(writer.decodedSamples) - writer.head.preSkip - max(0, padding))
            return IngestResult(sourceFormat: "webm/opus", inputSampleRate: head.inputSampleRate, inputChannels: head.channelCount,
                                encoding: .init(sampleCount48k: length, preSkip: writer.head.preSkip, packetCount: writer.packetCount),
                                encoded: false)
        case .pcm(let format):
            guard let transcoder else { throw WebMError.noAudio }
            let result = try transcoder.finishWAV()
            return IngestResult(sourceFormat: "webm/\(format.sourceFormatName.dropFirst(4))", inputSampleRate: format.sampleRate,
                                inputChannels: format.channels, encoding: result.encoding, encoded: true)
        }
    }

    private func start(_ track: WebMAudioTrack) throws {
        self.track = track
        switch track.codec {
        case .opus(var head):
            // CodecDelay is the container's word for pre-skip; the OpusHead's own value wins when both exist.
            if head.preSkip == 0 && track.codecDelayNs > 0 {
                // An OpusHead holds at most 65,535 samples of pre-skip (1,365,312,500 ns); more is a lie
                // that would also overflow the conversion.
                guard track.codecDelayNs <= 1_365_312_500 else { throw WebMError.invalidTrack("CodecDelay of \(track.codecDelayNs) ns") }
                head.preSkip = Int(track.codecDelayNs * 48_000 / 1_000_000_000)
            }
            head.version = 1
            writer = try OggOpusStreamWriter(
                head: head, tags: OpusTags(vendor: "re-muxed from WebM by \(OggOpusIngest.encoderName)",
                                           comments: OggOpusIngest.comments(title: title, language: language)),
                output: output
            )
        case .pcm(let format):
            let transcoder = WAVToOggOpusTranscoder(settings: settings, title: title, language: language, output: output)
            // The PCM frames are a WAV data chunk without its header: give it one that runs to the end.
            try WAVWriter.streamingHeader(format).withUnsafeBytes { try transcoder.consume($0) }
            self.transcoder = transcoder
        }
    }

    private func frame(_ bytes: UnsafeRawBufferPointer) throws {
        if let writer {
            let duration: Int
            do { duration = try OpusPacket.duration(of: bytes) } catch { throw WebMError.invalidBlock("\(error)") }
            try writer.write(packet: bytes, duration: duration)
        } else if let transcoder {
            try transcoder.consume(bytes)
        }
    }
}

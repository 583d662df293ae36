/// MP4 uploads with Opus (`audio/mp4;codecs=opus` from Chromium's MediaRecorder) to our Ogg Opus
/// stream: the same packets, granules from their TOC durations, pre-skip from `dOps`.
public final class MP4ToOggOpus: OggOpusIngestor {
    private let comments: [String]
    private let output: (UnsafeRawBufferPointer) throws -> Void
    private var demuxer: MP4Demuxer!
    private var writer: OggOpusStreamWriter?

    public init(comments: [String], output: @escaping (UnsafeRawBufferPointer) throws -> Void) {
        self.comments = comments
        self.output = output
        demuxer = MP4Demuxer(onTrack: { [unowned self] in try self.start($0) }, onSample: { [unowned self] in try self.sample($0) })
    }

    /// True once the Opus track's header has been read.
    public var hasTrack: Bool { writer != nil }

    public func consume(_ bytes: UnsafeRawBufferPointer) throws {
        try demuxer.consume(bytes)
    }

    public func finish() throws -> IngestResult {
        try demuxer.finish()
        guard let writer, let head = demuxer.head else { throw MP4Error.noAudio }
        let length = try writer.finish()
        return IngestResult(sourceFormat: "mp4/opus", inputSampleRate: head.inputSampleRate, inputChannels: head.channelCount,
                            encoding: .init(sampleCount48k: length, preSkip: head.preSkip, packetCount: writer.packetCount), encoded: false)
    }

    private func start(_ head: OpusHead) throws {
        writer = try OggOpusStreamWriter(head: head, tags: OpusTags(vendor: "re-muxed from MP4 by \(OggOpusIngest.encoderName)", comments: comments),
                                         output: output)
    }

    private func sample(_ bytes: UnsafeRawBufferPointer) throws {
        guard let writer else { throw MP4Error.noAudioTrack }
        let duration: Int
        do { duration = try OpusPacket.duration(of: bytes) } catch { throw MP4Error.invalidTrack("\(error)") }
        try writer.write(packet: bytes, duration: duration)
    }
}

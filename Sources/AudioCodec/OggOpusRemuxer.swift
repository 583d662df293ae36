/// Re-muxes an uploaded Ogg Opus stream (Firefox's MediaRecorder, WhatsApp voice notes, opusenc,
/// ffmpeg) into our own stream: the same Opus packets, never decoded or re-encoded, with our tags,
/// the source's pre-skip and end trimming, and fresh granule positions computed from each packet's
/// TOC. Validates on the way: capture pattern, page CRCs, page order, OpusHead, OpusTags, granules
/// that only grow, packets that parse.
public final class OggOpusRemuxer: OggOpusIngestor {
    /// What the source was and what was written.
    public struct Result: Sendable, Equatable {
        public let sourceHead: OpusHead
        public let sourceVendor: String
        public let encoding: OggOpusEncoder.Summary
        /// Average bitrate of the packets, in bits per second.
        public let bitrate: Int
    }

    private let reader = OggPacketReader()
    private let comments: [String]
    private let output: (UnsafeRawBufferPointer) throws -> Void
    private var sourceHead: OpusHead?
    private var sourceTags: OpusTags?
    private var writer: OggOpusStreamWriter?
    private var packetIndex = 0
    /// Packets of the first audio page, held until its granule tells whether the stream starts late.
    private var firstPage: [([UInt8], Int)] = []
    private var lastGranule: Int64 = -1
    private var ended = false

    /// - Parameter comments: the `NAME=value` comments our OpusTags carry (ENCODER, TITLE…).
    public init(comments: [String], output: @escaping (UnsafeRawBufferPointer) throws -> Void) {
        self.comments = comments
        self.output = output
    }

    public func consume(_ bytes: UnsafeRawBufferPointer) throws {
        try reader.consume(bytes, packet: { packet, _ in try self.handle(packet) }, pageEnd: { try self.endPage($0) })
    }

    public func finish() throws -> IngestResult {
        let result = try finishRemux()
        return IngestResult(sourceFormat: "ogg/opus", inputSampleRate: result.sourceHead.inputSampleRate,
                            inputChannels: result.sourceHead.channelCount, encoding: result.encoding, encoded: false)
    }

    public func finishRemux() throws -> Result {
        try reader.finish()
        guard let sourceHead, let sourceTags else { throw OggOpusError.truncated }
        if writer == nil { try startWriting(startTrim: 0) }
        guard let writer, writer.packetCount > 0 else { throw OggOpusError.noAudio }
        // The source's last granule position says where its audio ends; without one, play it all.
        var length: Int?
        if lastGranule >= 0 { length = Int(lastGranule) - sourceHead.preSkip }
        let written = try writer.finish(length48k: length)
        let seconds = Double(writer.decodedSamples) / 48_000
        return Result(
            sourceHead: sourceHead, sourceVendor: sourceTags.vendor,
            encoding: .init(sampleCount48k: written, preSkip: writer.head.preSkip, packetCount: writer.packetCount),
            bitrate: seconds > 0 ? Int(Double(writer.packetBytes * 8) / seconds) : 0
        )
    }

    /// Samples the source asked to drop from its start beyond pre-skip (a stream that begins late).
    private var startTrim = 0

    private func handle(_ packet: UnsafeRawBufferPointer) throws {
        defer { packetIndex += 1 }
        switch packetIndex {
        case 0: sourceHead = try OpusHead(parsing: packet)
        case 1: sourceTags = try OpusTags(parsing: packet)
        default:
            guard sourceTags != nil else { throw OggOpusError.truncated }
            let duration: Int
            do { duration = try OpusPacket.duration(of: packet) } catch { throw OggOpusError.invalidPacket(error) }
            if let writer {
                try writer.write(packet: packet, duration: duration)
            } else {
                firstPage.append(([UInt8](packet), duration))
            }
        }
    }

    private func endPage(_ page: OggPageInfo) throws {
        if page.granulePosition >= 0 && packetIndex > 2 { lastGranule = page.granulePosition }
        guard writer == nil, !firstPage.isEmpty else { return }
        // RFC 7845 §4.5: a first audio page whose granule is less than its packets' total duration
        // starts that much late; the difference is dropped from the decoded start.
        let total = firstPage.reduce(0) { $0 + $1.1 }
        var trim = 0
        if page.granulePosition >= 0, page.granulePosition < Int64(total), !page.isEndOfStream {
            trim = total - Int(page.granulePosition)
        }
        try startWriting(startTrim: trim)
    }

    private func startWriting(startTrim trim: Int) throws {
        guard let sourceHead, let sourceTags else { throw OggOpusError.truncated }
        startTrim = trim
        var head = sourceHead
        head.version = 1
        head.preSkip = min(65_535, sourceHead.preSkip + trim)
        let writer = try OggOpusStreamWriter(head: head, tags: OpusTags(vendor: sourceTags.vendor, comments: comments), output: output)
        for (bytes, duration) in firstPage {
            try bytes.withUnsafeBytes { try writer.write(packet: $0, duration: duration) }
        }
        firstPage = []
        self.writer = writer
    }
}

/// Decodes an Ogg Opus stream arriving in pieces to mono 48 kHz float PCM, honouring pre-skip, the
/// header's output gain and end trimming (RFC 7845 §4.2–4.5).
///
/// Samples are handed out page by page, so memory holds at most one page of audio.
public final class OggOpusDecoder {
    public private(set) var head: OpusHead?
    public private(set) var tags: OpusTags?
    /// Samples handed out so far.
    public private(set) var samplesOut = 0

    private let reader = OggPacketReader()
    private let output: (UnsafeBufferPointer<Float>) throws -> Void
    private var decoder: OpusDecoder?
    private var packetIndex = 0
    /// Samples decoded so far, counting the pre-skip region: comparable with granule positions.
    private var decodedTotal: Int64 = 0
    private var pageSamples: [Float] = []

    public init(output: @escaping (UnsafeBufferPointer<Float>) throws -> Void) {
        self.output = output
    }

    public func consume(_ bytes: UnsafeRawBufferPointer) throws {
        try reader.consume(bytes, packet: { packet, _ in try self.handlePacket(packet) }, pageEnd: { try self.endPage($0) })
    }

    public func finish() throws {
        try reader.finish()
        guard head != nil, tags != nil else { throw OggOpusError.truncated }
    }

    private func handlePacket(_ packet: UnsafeRawBufferPointer) throws {
        defer { packetIndex += 1 }
        switch packetIndex {
        case 0:
            let head = try OpusHead(parsing: packet)
            self.head = head
            decoder = try OpusDecoder(channels: head.channelCount, gain: head.outputGain)
        case 1:
            tags = try OpusTags(parsing: packet)
        default:
            guard let decoder, tags != nil else { throw OggOpusError.truncated }
            try decoder.decode(packet: packet) { pcm in
                let frames = pcm.count / decoder.channels
                decodedTotal += Int64(frames)
                if decoder.channels == 1 {
                    pageSamples.append(contentsOf: pcm)
                } else {
                    for frame in 0..<frames { pageSamples.append((pcm[2 * frame] + pcm[2 * frame + 1]) * 0.5) }
                }
            }
        }
    }

    private func endPage(_ page: OggPageInfo) throws {
        guard let head, !pageSamples.isEmpty else { return }
        var keep = pageSamples.count
        // End trimming: the final page's granule position says where the audio really ends.
        if page.isEndOfStream, page.granulePosition >= 0, decodedTotal > page.granulePosition {
            keep -= Int(min(Int64(keep), decodedTotal - page.granulePosition))
        }
        // Pre-skip: drop the encoder's delay from the start.
        let startOfPage = Int(decodedTotal) - pageSamples.count
        let skip = max(0, min(keep, head.preSkip - startOfPage))
        if keep > skip {
            try pageSamples.withUnsafeBufferPointer { try output(UnsafeBufferPointer(rebasing: $0[skip..<keep])) }
            samplesOut += keep - skip
        }
        pageSamples.removeAll(keepingCapacity: true)
    }
}

/// Decodes an Ogg Opus stream arriving in pieces to mono 48 kHz float PCM, honouring pre-skip, the
/// header's output gain and end trimming (RFC 7845 §4.2–4.5).
///
/// With `acceptingAnyStream`, it also takes what we never store but people upload: chained files
/// (each link decoded with its own header, one after the other) and more than two channels
/// (mapping family 1 or 255, through libopus's multistream decoder). Channels are averaged to mono.
///
/// Samples are handed out page by page, so memory holds at most one page of audio.
public final class OggOpusDecoder {
    /// The first link's header.
    public private(set) var head: OpusHead?
    public private(set) var tags: OpusTags?
    /// Samples handed out so far.
    public private(set) var samplesOut = 0
    /// Logical streams decoded (more than one for a chained file).
    public var linkCount: Int { reader.linkCount }

    private let acceptingAnyStream: Bool
    private let reader: OggPacketReader
    private let output: (UnsafeBufferPointer<Float>) throws -> Void
    private var link: Link?
    private var serialNumber: Int32?
    private var pageSamples: [Float] = []

    /// One logical stream's header and decoder state.
    private struct Link {
        let head: OpusHead
        let decoder: OpusChannelDownmixer
        var packetIndex = 1
        var hasTags = false
        /// Samples decoded so far, counting the pre-skip region: comparable with granule positions.
        var decodedTotal: Int64 = 0
    }

    /// - Parameter acceptingAnyStream: also decode chained and multichannel streams (uploads).
    public init(acceptingAnyStream: Bool = false, output: @escaping (UnsafeBufferPointer<Float>) throws -> Void) {
        self.acceptingAnyStream = acceptingAnyStream
        reader = OggPacketReader(allowsChaining: acceptingAnyStream)
        self.output = output
    }

    public func consume(_ bytes: UnsafeRawBufferPointer) throws {
        try reader.consume(bytes, packet: { packet, page in try self.handlePacket(packet, page: page) }, pageEnd: { try self.endPage($0) })
    }

    public func finish() throws {
        try reader.finish()
        guard head != nil, tags != nil, link?.hasTags == true else { throw OggOpusError.truncated }
    }

    private func handlePacket(_ packet: UnsafeRawBufferPointer, page: OggPageInfo) throws {
        if page.serialNumber != serialNumber {
            if link != nil, link?.hasTags != true { throw OggOpusError.truncated }
            serialNumber = page.serialNumber
            try startLink(packet)
            return
        }
        guard var link else { throw OggOpusError.truncated }
        defer { link.packetIndex += 1; self.link = link }
        if link.packetIndex == 1 {
            let parsed = try OpusTags(parsing: packet)
            if tags == nil { tags = parsed }
            link.hasTags = true
            return
        }
        try link.decoder.decode(packet: packet) { mono in
            link.decodedTotal += Int64(mono.count)
            pageSamples.append(contentsOf: mono)
        }
    }

    private func startLink(_ packet: UnsafeRawBufferPointer) throws {
        let head: OpusHead, decoder: OpusChannelDownmixer
        if acceptingAnyStream {
            let (parsed, mapping) = try OpusHead.parsingAnyMapping(packet)
            head = parsed
            decoder = try OpusChannelDownmixer(head: parsed, mapping: mapping)
        } else {
            head = try OpusHead(parsing: packet)
            decoder = try OpusChannelDownmixer(head: head, mapping: nil)
        }
        if self.head == nil { self.head = head }
        link = Link(head: head, decoder: decoder)
    }

    private func endPage(_ page: OggPageInfo) throws {
        guard let link, !pageSamples.isEmpty else { return }
        var keep = pageSamples.count
        // End trimming: the final page's granule position says where the audio really ends.
        if page.isEndOfStream, page.granulePosition >= 0, link.decodedTotal > page.granulePosition {
            keep -= Int(min(Int64(keep), link.decodedTotal - page.granulePosition))
        }
        // Pre-skip: drop the encoder's delay from the start.
        let startOfPage = Int(link.decodedTotal) - pageSamples.count
        let skip = max(0, min(keep, link.head.preSkip - startOfPage))
        if keep > skip {
            try pageSamples.withUnsafeBufferPointer { try output(UnsafeBufferPointer(rebasing: $0[skip..<keep])) }
            samplesOut += keep - skip
        }
        pageSamples.removeAll(keepingCapacity: true)
    }
}

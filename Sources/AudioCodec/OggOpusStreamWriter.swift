/// Writes an Ogg Opus stream (RFC 7845) from Opus packets whose durations are known: OpusHead alone
/// on the first page, OpusTags on its own page(s), granule positions in 48 kHz samples, a page at
/// least every second of audio, and a last page whose granule position trims the stream to its
/// exact length. Used by the encoder and by the re-muxers (Ogg, WebM), which never re-encode.
public final class OggOpusStreamWriter {
    public let head: OpusHead
    private let stream: OggStreamWriter
    private let output: (UnsafeRawBufferPointer) throws -> Void
    /// The last packet waits here so it can carry the end-of-stream flag.
    private var pending: (bytes: [UInt8], endGranule: Int64, duration: Int)?
    /// Samples (48 kHz) the packets written so far decode to, pre-skip included.
    public private(set) var decodedSamples: Int64 = 0
    private var samplesSinceFlush = 0
    public private(set) var packetCount = 0
    /// Bytes of packet data written (for bitrate checks).
    public private(set) var packetBytes = 0

    public init(
        head: OpusHead,
        tags: OpusTags,
        serialNumber: Int32 = .random(in: .min ... .max),
        output: @escaping (UnsafeRawBufferPointer) throws -> Void
    ) throws {
        self.head = head
        self.output = output
        stream = try OggStreamWriter(serialNumber: serialNumber)
        try head.serialized().withUnsafeBytes { try stream.append(packet: $0, granulePosition: 0) }
        try stream.writePages(flush: true, to: output)
        try tags.serialized().withUnsafeBytes { try stream.append(packet: $0, granulePosition: 0) }
        try stream.writePages(flush: true, to: output)
    }

    /// Adds one packet lasting `duration` samples at 48 kHz.
    public func write(packet: UnsafeRawBufferPointer, duration: Int) throws {
        try emitPending(granule: nil)
        decodedSamples += Int64(duration)
        pending = ([UInt8](packet), decodedSamples, duration)
        packetCount += 1
        packetBytes += packet.count
    }

    /// Closes the stream. `length48k` is the audio's real length after pre-skip (the rest of the
    /// last packet is padding); by default everything the packets decode to after pre-skip.
    /// Returns the length written.
    @discardableResult
    public func finish(length48k: Int? = nil) throws -> Int {
        guard let last = pending else { throw OggOpusError.truncated }
        let available = max(0, Int(decodedSamples) - head.preSkip)
        // End trimming may only cut into the last packet: earlier pages already claimed the rest.
        let lastStart = max(0, Int(last.endGranule) - last.duration - head.preSkip)
        let length = min(available, max(lastStart, length48k ?? available))
        try emitPending(granule: Int64(head.preSkip + length))
        try stream.writePages(flush: true, to: output)
        return length
    }

    /// Queues the waiting packet; with `granule`, as the last one, ending the stream there.
    private func emitPending(granule: Int64?) throws {
        guard let packet = pending else { return }
        pending = nil
        try packet.bytes.withUnsafeBytes {
            try stream.append(packet: $0, granulePosition: granule ?? packet.endGranule, endOfStream: granule != nil)
        }
        samplesSinceFlush += packet.duration
        if samplesSinceFlush >= 48_000 {
            samplesSinceFlush = 0
            try stream.writePages(flush: true, to: output)
        } else {
            try stream.writePages(flush: false, to: output)
        }
    }
}

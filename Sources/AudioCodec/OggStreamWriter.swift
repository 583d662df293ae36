import COgg

/// One logical Ogg stream being written: packets in, pages out (libogg's `ogg_stream_state`).
///
/// Owns the libogg state; it is cleared and freed with the object.
public final class OggStreamWriter {
    private let state: UnsafeMutablePointer<ogg_stream_state>
    private var packetNumber: Int64 = 0

    public init(serialNumber: Int32) throws(OggOpusError) {
        // Set up before it is stored: a class whose initializer throws once every stored property
        // is set runs its deinit, which would clear and free the state a second time.
        let state = UnsafeMutablePointer<ogg_stream_state>.allocate(capacity: 1)
        guard ogg_stream_init(state, serialNumber) == 0 else {
            state.deallocate()
            throw .libogg("ogg_stream_init failed")
        }
        self.state = state
    }

    deinit {
        ogg_stream_clear(state)
        state.deallocate()
    }

    /// Queues one packet; libogg copies its bytes.
    public func append(packet: UnsafeRawBufferPointer, granulePosition: Int64, endOfStream: Bool = false) throws(OggOpusError) {
        var op = ogg_packet()
        op.packet = UnsafeMutablePointer(mutating: packet.baseAddress?.assumingMemoryBound(to: UInt8.self))
        op.bytes = packet.count
        op.b_o_s = packetNumber == 0 ? 1 : 0
        op.e_o_s = endOfStream ? 1 : 0
        op.granulepos = granulePosition
        op.packetno = packetNumber
        packetNumber += 1
        guard ogg_stream_packetin(state, &op) == 0 else { throw .libogg("ogg_stream_packetin failed") }
    }

    /// Hands out the pages libogg considers full, or, with `flush`, every queued packet as pages.
    public func writePages(flush: Bool, to output: (UnsafeRawBufferPointer) throws -> Void) throws {
        var page = ogg_page()
        while (flush ? ogg_stream_flush(state, &page) : ogg_stream_pageout(state, &page)) != 0 {
            try output(UnsafeRawBufferPointer(start: page.header, count: page.header_len))
            try output(UnsafeRawBufferPointer(start: page.body, count: page.body_len))
        }
    }
}

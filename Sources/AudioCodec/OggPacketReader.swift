import COgg

/// Where a page sits in its stream.
public struct OggPageInfo: Sendable, Equatable {
    public let granulePosition: Int64
    public let isBeginningOfStream: Bool
    public let isEndOfStream: Bool
    public let serialNumber: Int32
}

/// Reads one logical Ogg stream from bytes arriving in pieces: checks the capture pattern, every
/// page's CRC (libogg's `ogg_sync`), the page sequence and granule order, and hands out packets.
/// When chaining is allowed, a stream that ends may be followed by another (a chained file, RFC
/// 3533 §4): each link is checked the same way. Streams multiplexed side by side are refused.
///
/// Owns libogg's sync and stream states; both are cleared and freed with the object.
public final class OggPacketReader {
    private let sync: UnsafeMutablePointer<ogg_sync_state>
    private let stream: UnsafeMutablePointer<ogg_stream_state>
    private let allowsChaining: Bool
    private var serialNumber: Int32?
    private var ended = false
    private var lastGranule: Int64 = -1
    private var bytesIn = 0
    /// Pages read so far.
    public private(set) var pageCount = 0
    /// Logical streams begun so far (more than one only in a chained file).
    public private(set) var linkCount = 0

    /// - Parameter allowsChaining: accept a new logical stream after the current one's last page.
    public init(allowsChaining: Bool = false) {
        self.allowsChaining = allowsChaining
        sync = .allocate(capacity: 1)
        stream = .allocate(capacity: 1)
        ogg_sync_init(sync)
    }

    deinit {
        if serialNumber != nil { ogg_stream_clear(stream) }
        stream.deallocate()
        ogg_sync_clear(sync)
        sync.deallocate()
    }

    /// Feeds bytes; `packet` is called for every complete packet, `pageEnd` after each page's packets.
    public func consume(
        _ bytes: UnsafeRawBufferPointer,
        packet: (UnsafeRawBufferPointer, OggPageInfo) throws -> Void,
        pageEnd: (OggPageInfo) throws -> Void
    ) throws {
        guard !bytes.isEmpty else { return }
        guard let buffer = ogg_sync_buffer(sync, bytes.count) else { throw OggOpusError.libogg("ogg_sync_buffer failed") }
        UnsafeMutableRawPointer(buffer).copyMemory(from: bytes.baseAddress!, byteCount: bytes.count)
        ogg_sync_wrote(sync, bytes.count)
        bytesIn += bytes.count
        var page = ogg_page()
        while true {
            let result = ogg_sync_pageout(sync, &page)
            if result == 0 { return }
            if result < 0 { throw pageCount == 0 ? OggOpusError.notOgg : OggOpusError.corruptPage(offset: bytesIn) }
            try handle(&page, packet: packet, pageEnd: pageEnd)
        }
    }

    /// Declares the end of the bytes; throws if they stopped inside a page.
    public func finish() throws {
        if pageCount == 0 { throw bytesIn == 0 ? OggOpusError.truncated : OggOpusError.notOgg }
        // Leftover bytes that never formed a page mean the last page was cut off.
        if sync.pointee.fill > sync.pointee.returned {
            throw OggOpusError.corruptPage(offset: bytesIn)
        }
    }

    private func handle(
        _ page: inout ogg_page,
        packet: (UnsafeRawBufferPointer, OggPageInfo) throws -> Void,
        pageEnd: (OggPageInfo) throws -> Void
    ) throws {
        let serial = ogg_page_serialno(&page)
        if let serialNumber, ended, allowsChaining, ogg_page_bos(&page) != 0, serial != serialNumber {
            // The next link of a chain: a fresh stream state, granules counted from its own start.
            ogg_stream_clear(stream)
            self.serialNumber = nil
            lastGranule = -1
        }
        if let serialNumber {
            guard serial == serialNumber, !ended else { throw OggOpusError.multipleStreams }
        } else {
            guard ogg_page_bos(&page) != 0 else { throw pageCount == 0 ? OggOpusError.notOgg : OggOpusError.multipleStreams }
            guard ogg_stream_init(stream, serial) == 0 else { throw OggOpusError.libogg("ogg_stream_init failed") }
            serialNumber = serial
            linkCount += 1
        }
        pageCount += 1
        let info = OggPageInfo(
            granulePosition: ogg_page_granulepos(&page),
            isBeginningOfStream: ogg_page_bos(&page) != 0,
            isEndOfStream: ogg_page_eos(&page) != 0,
            serialNumber: serial
        )
        if info.granulePosition != -1 {
            guard info.granulePosition >= lastGranule else { throw OggOpusError.granulePositionDecreased }
            lastGranule = info.granulePosition
        }
        ended = info.isEndOfStream
        guard ogg_stream_pagein(stream, &page) == 0 else { throw OggOpusError.libogg("ogg_stream_pagein refused a page") }
        var op = ogg_packet()
        while true {
            let result = ogg_stream_packetout(stream, &op)
            if result == 0 { break }
            if result < 0 { throw OggOpusError.missingPages }
            try packet(UnsafeRawBufferPointer(start: op.packet, count: op.bytes), info)
        }
        try pageEnd(info)
    }
}

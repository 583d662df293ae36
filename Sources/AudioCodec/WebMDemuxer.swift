/// A streaming EBML reader for what browsers' MediaRecorder writes (Chrome, Edge, Safari 18.4+):
/// unknown-size Segment and Cluster elements, SimpleBlock and BlockGroup, Xiph/EBML/fixed lacing.
/// It finds the first audio track and hands out its frames as they arrive; everything else is
/// skipped. Memory holds at most one element body (capped) and a few header bytes.
public final class WebMDemuxer {
    enum ID {
        static let ebml: UInt32 = 0x1A45_DFA3, docType: UInt32 = 0x4282
        static let segment: UInt32 = 0x1853_8067, info: UInt32 = 0x1549_A966, tracks: UInt32 = 0x1654_AE6B
        static let cluster: UInt32 = 0x1F43_B675, cues: UInt32 = 0x1C53_BB6B, tags: UInt32 = 0x1254_C367
        static let seekHead: UInt32 = 0x114D_9B74, chapters: UInt32 = 0x1043_A770, attachments: UInt32 = 0x1941_A469
        static let trackEntry: UInt32 = 0xAE, trackNumber: UInt32 = 0xD7, trackType: UInt32 = 0x83, codecID: UInt32 = 0x86
        static let codecPrivate: UInt32 = 0x63A2, codecDelay: UInt32 = 0x56AA, audio: UInt32 = 0xE1
        static let samplingFrequency: UInt32 = 0xB5, channels: UInt32 = 0x9F, bitDepth: UInt32 = 0x6264
        static let simpleBlock: UInt32 = 0xA3, blockGroup: UInt32 = 0xA0, block: UInt32 = 0xA1, discardPadding: UInt32 = 0x75A2
    }

    static let masters: Set<UInt32> = [ID.ebml, ID.segment, ID.info, ID.tracks, ID.trackEntry, ID.audio, ID.cluster, ID.blockGroup]
    /// Children of Segment: one of these closes an open unknown-size Cluster.
    static let segmentChildren: Set<UInt32> = [ID.seekHead, ID.info, ID.tracks, ID.cluster, ID.cues, ID.tags, ID.chapters, ID.attachments]
    static let leavesRead: Set<UInt32> = [ID.docType, ID.trackNumber, ID.trackType, ID.codecID, ID.codecPrivate, ID.codecDelay,
                                          ID.samplingFrequency, ID.channels, ID.bitDepth, ID.simpleBlock, ID.block, ID.discardPadding]
    /// Largest element body held in memory.
    static let maxElementSize = 16 << 20
    static let maxDepth = 12

    private struct Open { let id: UInt32; let end: Int? }
    private struct TrackBuilder {
        var number: UInt64?, type: UInt64?, codecID: String?, codecPrivate: [UInt8]?, codecDelay: UInt64 = 0
        var rate: Double?, channels: UInt64?, bitDepth: UInt64?
    }

    private var buffer: [UInt8] = []
    private var start = 0
    /// Absolute offset of `buffer[start]`.
    private var offset = 0
    private var stack: [Open] = []
    private var skipping = 0
    private var sawHeader = false
    private var builders: [TrackBuilder] = []
    private var current: TrackBuilder?
    private var trackDecided = false
    public private(set) var track: WebMAudioTrack?
    /// Nanoseconds of padding the last block asked to discard (end trimming).
    public private(set) var discardPaddingNs: Int64 = 0
    public private(set) var frameCount = 0

    private let onTrack: (WebMAudioTrack) throws -> Void
    private let onFrame: (UnsafeRawBufferPointer) throws -> Void

    public init(onTrack: @escaping (WebMAudioTrack) throws -> Void, onFrame: @escaping (UnsafeRawBufferPointer) throws -> Void) {
        self.onTrack = onTrack
        self.onFrame = onFrame
    }

    public func consume(_ bytes: UnsafeRawBufferPointer) throws {
        var input = bytes
        if skipping > 0 {
            let taken = min(skipping, input.count)
            skipping -= taken
            offset += taken
            input = UnsafeRawBufferPointer(rebasing: input[taken...])
        }
        buffer.append(contentsOf: input)
        while try step() {}
        if start > 65_536 || start == buffer.count {
            buffer.removeFirst(start)
            start = 0
        }
    }

    /// Declares the end of the bytes.
    public func finish() throws {
        guard sawHeader else { throw offset == 0 && buffer.isEmpty ? WebMError.truncated : WebMError.notEBML }
        if skipping > 0 || start < buffer.count { throw WebMError.truncated }
        // Open elements of known size that have not reached their end were cut off.
        if stack.contains(where: { $0.end.map { $0 > offset } ?? false }) { throw WebMError.truncated }
        try decideTrack()
        guard frameCount > 0 else { throw WebMError.noAudio }
    }

    /// Parses one element header (and body, for leaves we read); false when more bytes are needed.
    private func step() throws -> Bool {
        while let top = stack.last, let end = top.end, end <= offset {
            try close(stack.removeLast())
        }
        let available = buffer.count - start
        guard available > 0, skipping == 0 else { return false }
        guard let (id, idLength) = try readID() else { return false }
        guard let (size, sizeLength) = try readSize(at: start + idLength) else { return false }
        if !sawHeader {
            guard id == ID.ebml else { throw WebMError.notEBML }
            sawHeader = true
        }
        // An unknown-size Cluster ends where the next Segment-level element begins.
        while let top = stack.last, top.end == nil, top.id == ID.cluster, Self.segmentChildren.contains(id) {
            try close(stack.removeLast())
        }
        let headerLength = idLength + sizeLength
        if let size, let parentEnd = stack.last?.end, offset + headerLength + size > parentEnd {
            throw WebMError.invalidElement(offset: offset, "element 0x\(String(id, radix: 16)) overruns its parent")
        }
        if Self.masters.contains(id) {
            guard stack.count < Self.maxDepth else { throw WebMError.tooDeep }
            consumeBytes(headerLength)
            try open(id)
            stack.append(Open(id: id, end: size.map { offset + $0 }))
            return true
        }
        guard let size else { throw WebMError.invalidElement(offset: offset, "element 0x\(String(id, radix: 16)) has an unknown size") }
        if Self.leavesRead.contains(id) {
            guard size <= Self.maxElementSize else { throw WebMError.elementTooLarge(id: id, size: size) }
            guard available >= headerLength + size else { return false }
            let bodyStart = start + headerLength
            try buffer.withUnsafeBytes { raw in
                try leaf(id, UnsafeRawBufferPointer(rebasing: raw[bodyStart..<(bodyStart + size)]))
            }
            consumeBytes(headerLength + size)
            return true
        }
        // Everything else is skipped, without holding it.
        consumeBytes(headerLength)
        let inBuffer = min(size, buffer.count - start)
        consumeBytes(inBuffer)
        skipping = size - inBuffer
        return skipping == 0
    }

    private func consumeBytes(_ count: Int) {
        start += count
        offset += count
    }

    private func readID() throws -> (UInt32, Int)? {
        let first = buffer[start]
        guard first >= 0x10 else { throw WebMError.invalidElement(offset: offset, "bad element ID") }
        let length = first.leadingZeroBitCount + 1
        guard buffer.count - start >= length else { return nil }
        return (buffer[start..<(start + length)].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }, length)
    }

    /// An element size; nil inside the tuple means "unknown size".
    private func readSize(at index: Int) throws -> (Int?, Int)? {
        guard index < buffer.count else { return nil }
        let first = buffer[index]
        guard first != 0 else { throw WebMError.invalidElement(offset: offset, "bad element size") }
        let length = first.leadingZeroBitCount + 1
        guard buffer.count - index >= length else { return nil }
        var value = UInt64(first & (0xFF >> length))
        for byte in buffer[(index + 1)..<(index + length)] { value = value << 8 | UInt64(byte) }
        if value == (UInt64(1) << (7 * UInt64(length))) - 1 { return (nil, length) }
        guard value <= UInt64(Int.max / 2) else { throw WebMError.invalidElement(offset: offset, "size too large") }
        return (Int(value), length)
    }

    private func open(_ id: UInt32) throws {
        switch id {
        case ID.trackEntry: current = TrackBuilder()
        case ID.cluster: try decideTrack()
        case ID.segment: if stack.contains(where: { $0.id == ID.segment }) { throw WebMError.invalidElement(offset: offset, "nested Segment") }
        default: break
        }
    }

    private func close(_ element: Open) throws {
        switch element.id {
        case ID.trackEntry:
            if let current { builders.append(current) }
            current = nil
        case ID.tracks: try decideTrack()
        default: break
        }
    }

    private func leaf(_ id: UInt32, _ body: UnsafeRawBufferPointer) throws {
        switch id {
        case ID.docType:
            let type = String(decoding: body.prefix { $0 != 0 }, as: UTF8.self)
            guard type == "webm" || type == "matroska" else { throw WebMError.unsupportedDocType(type) }
        case ID.trackNumber: current?.number = Self.unsigned(body)
        case ID.trackType: current?.type = Self.unsigned(body)
        case ID.codecID: current?.codecID = String(decoding: body.prefix { $0 != 0 }, as: UTF8.self)
        case ID.codecPrivate: current?.codecPrivate = [UInt8](body)
        case ID.codecDelay: current?.codecDelay = Self.unsigned(body)
        case ID.samplingFrequency: current?.rate = Self.float(body)
        case ID.channels: current?.channels = Self.unsigned(body)
        case ID.bitDepth: current?.bitDepth = Self.unsigned(body)
        case ID.discardPadding: discardPaddingNs = Self.signed(body)
        case ID.simpleBlock, ID.block: try block(body)
        default: break
        }
    }

    private func decideTrack() throws {
        guard !trackDecided else { return }
        trackDecided = true
        guard let audio = builders.first(where: { $0.type == 2 }) else {
            throw builders.isEmpty ? WebMError.blocksBeforeTracks : WebMError.noAudioTrack
        }
        guard let number = audio.number, number > 0 else { throw WebMError.invalidTrack("no track number") }
        let codec: WebMAudioTrack.Codec
        switch audio.codecID ?? "" {
        case "A_OPUS":
            guard let head = audio.codecPrivate else { throw WebMError.invalidTrack("Opus track without its OpusHead") }
            do {
                codec = .opus(try head.withUnsafeBytes { try OpusHead(parsing: $0) })
            } catch {
                throw WebMError.invalidTrack("\(error)")
            }
        case "A_PCM/INT/LIT", "A_PCM/FLOAT/IEEE":
            let isFloat = audio.codecID == "A_PCM/FLOAT/IEEE"
            // Clamped and checked before use: the file may say 2^64 - 1 bits, or a NaN or 1e300 Hz rate.
            let bits = Int(clamping: audio.bitDepth ?? (isFloat ? 32 : 16)), channels = Int(clamping: audio.channels ?? 1)
            let hertz = (audio.rate ?? 8_000).rounded()
            guard (isFloat ? [32, 64] : [8, 16, 24, 32]).contains(bits) else { throw WebMError.invalidTrack("\(bits)-bit PCM") }
            guard (1...64).contains(channels), let rate = Int(exactly: hertz), WAVFormat.sampleRateRange.contains(rate) else {
                throw WebMError.invalidTrack("\(channels) channels at \(hertz) Hz")
            }
            codec = .pcm(WAVFormat(encoding: isFloat ? .float : .integer, bitsPerSample: bits, channels: channels, sampleRate: rate))
        case let other:
            throw WebMError.unsupportedCodec(other.isEmpty ? "(none)" : other)
        }
        let track = WebMAudioTrack(number: number, codec: codec, codecDelayNs: audio.codecDelay)
        self.track = track
        try onTrack(track)
    }

    /// A SimpleBlock or Block: track number, 16-bit timecode, flags, then one or more laced frames.
    private func block(_ body: UnsafeRawBufferPointer) throws {
        guard trackDecided, let track else { throw WebMError.blocksBeforeTracks }
        guard let first = body.first, first != 0 else { throw WebMError.invalidBlock("bad track number") }
        let numberLength = first.leadingZeroBitCount + 1
        guard body.count >= numberLength + 3 else { throw WebMError.invalidBlock("block header truncated") }
        var number = UInt64(first & (0xFF >> numberLength))
        for byte in body[1..<numberLength] { number = number << 8 | UInt64(byte) }
        guard number == track.number else { return }
        let flags = body[numberLength + 2]
        var position = numberLength + 3
        let lacing = (flags >> 1) & 0x3
        guard lacing != 0 else {
            try emit(UnsafeRawBufferPointer(rebasing: body[position...]))
            return
        }
        guard position < body.count else { throw WebMError.invalidBlock("lacing header truncated") }
        let count = Int(body[position]) + 1
        position += 1
        var sizes: [Int] = []
        switch lacing {
        case 1:  // Xiph
            for _ in 0..<(count - 1) {
                var size = 0
                while true {
                    guard position < body.count else { throw WebMError.invalidBlock("Xiph lacing truncated") }
                    let byte = Int(body[position])
                    position += 1
                    size += byte
                    if byte < 255 { break }
                }
                sizes.append(size)
            }
        case 3:  // EBML: first size, then signed differences
            for index in 0..<(count - 1) {
                guard let (value, length) = Self.vint(body, at: position) else { throw WebMError.invalidBlock("EBML lacing truncated") }
                position += length
                if index == 0 {
                    sizes.append(Int(value))
                } else {
                    let bias = (Int64(1) << (7 * Int64(length) - 1)) - 1
                    sizes.append(sizes[index - 1] + Int(Int64(value) - bias))
                }
                // Each size checked as it comes: 255 lying 56-bit sizes overflow their sum below.
                guard (0...body.count).contains(sizes[index]) else { throw WebMError.invalidBlock("lace sizes overrun the block") }
            }
        default:  // fixed-size
            let rest = body.count - position
            guard rest % count == 0 else { throw WebMError.invalidBlock("fixed lacing does not divide the block") }
            sizes = Array(repeating: rest / count, count: count - 1)
        }
        let used = sizes.reduce(0, +)
        guard sizes.allSatisfy({ $0 >= 0 }), position + used <= body.count else { throw WebMError.invalidBlock("lace sizes overrun the block") }
        for size in sizes {
            try emit(UnsafeRawBufferPointer(rebasing: body[position..<(position + size)]))
            position += size
        }
        try emit(UnsafeRawBufferPointer(rebasing: body[position...]))
    }

    private func emit(_ frame: UnsafeRawBufferPointer) throws {
        frameCount += 1
        try onFrame(frame)
    }

    static func vint(_ body: UnsafeRawBufferPointer, at index: Int) -> (UInt64, Int)? {
        guard index < body.count, body[index] != 0 else { return nil }
        let length = body[index].leadingZeroBitCount + 1
        guard index + length <= body.count else { return nil }
        var value = UInt64(body[index] & (0xFF >> length))
        for byte in body[(index + 1)..<(index + length)] { value = value << 8 | UInt64(byte) }
        return (value, length)
    }

    static func unsigned(_ body: UnsafeRawBufferPointer) -> UInt64 {
        body.prefix(8).reduce(0) { $0 << 8 | UInt64($1) }
    }

    static func signed(_ body: UnsafeRawBufferPointer) -> Int64 {
        guard let first = body.first else { return 0 }
        let value = Int64(bitPattern: unsigned(body))
        let bits = min(8, body.count) * 8
        return bits == 64 || first & 0x80 == 0 ? value : value - (Int64(1) << Int64(bits))
    }

    static func float(_ body: UnsafeRawBufferPointer) -> Double {
        switch body.count {
        case 4: Double(Float(bitPattern: UInt32(truncatingIfNeeded: unsigned(body))))
        case 8: Double(bitPattern: unsigned(body))
        default: 0
        }
    }
}

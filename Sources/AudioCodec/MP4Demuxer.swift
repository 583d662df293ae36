/// A streaming MP4 reader for what browsers' MediaRecorder writes (`audio/mp4;codecs=opus`:
/// fragmented MP4, moov then moof/mdat pairs) and for fast-start files whose sample table comes
/// before the audio. It finds the first sound track, reads its `Opus` sample entry and `dOps`
/// box, and hands out each sample (one Opus packet) as its bytes arrive. Memory holds one box
/// header or one sample at a time (boxes we read whole are capped).
public final class MP4Demuxer {
    static let containers: Set<String> = ["moov", "trak", "mdia", "minf", "stbl", "mvex", "moof", "traf", "edts"]
    static let leavesRead: Set<String> = ["ftyp", "tkhd", "mdhd", "hdlr", "stsd", "stsz", "stz2", "stco", "co64", "stsc", "tfhd", "trun"]
    static let maxBoxSize = 16 << 20
    static let maxDepth = 10

    private struct Open { let type: String; let end: Int? }
    private struct Track {
        var id: UInt32 = 0
        var handler = ""
        var head: OpusHead?
        var codec: String?
        var sizes: [Int] = []
        var chunkOffsets: [Int] = []
        var samplesPerChunk: [(firstChunk: Int, count: Int)] = []
    }

    private var buffer: [UInt8] = []
    private var start = 0
    private var offset = 0
    private var stack: [Open] = []
    private var sawFtyp = false
    private var tracks: [Track] = []
    private var current: Track?
    private var audio: Track?
    private var decided = false
    /// Samples of the audio track still to come: absolute offset and size, in file order.
    private var expected: [(offset: Int, size: Int)] = []
    private var expectedIndex = 0
    /// Inside an mdat: absolute end of its payload, or nil (to the end of the file).
    private var mdatEnd: Int?
    private var inMdat = false
    private var moofStart = 0
    private var fragmentTrack: UInt32 = 0
    private var fragmentDefaultSize = 0
    private var fragmentBase: Int?
    public private(set) var head: OpusHead?
    public private(set) var sampleCount = 0

    private let onTrack: (OpusHead) throws -> Void
    private let onSample: (UnsafeRawBufferPointer) throws -> Void

    public init(onTrack: @escaping (OpusHead) throws -> Void, onSample: @escaping (UnsafeRawBufferPointer) throws -> Void) {
        self.onTrack = onTrack
        self.onSample = onSample
    }

    public func consume(_ bytes: UnsafeRawBufferPointer) throws {
        buffer.append(contentsOf: bytes)
        while try step() {}
        if start > 65_536 || start == buffer.count {
            buffer.removeFirst(start)
            start = 0
        }
    }

    public func finish() throws {
        guard sawFtyp else { throw offset == 0 && buffer.isEmpty ? MP4Error.truncated : MP4Error.notMP4 }
        if inMdat, mdatEnd == nil { inMdat = false }
        // An mdat whose last bytes were skipped in an earlier piece is complete too (no step saw its end).
        if inMdat, skip == 0, let mdatEnd, offset >= mdatEnd { inMdat = false }
        if inMdat || start < buffer.count { throw MP4Error.truncated }
        try decide()
        guard sampleCount > 0 else { throw MP4Error.noAudio }
    }

    private var available: Int { buffer.count - start }

    private func step() throws -> Bool {
        if inMdat { return try mdatStep() }
        if skip > 0 { return try skipStep() }
        while let top = stack.last, let end = top.end, end <= offset {
            try close(stack.removeLast())
        }
        guard available >= 8 else { return false }
        var size = Int(be32(start))
        let type = String(decoding: buffer[(start + 4)..<(start + 8)], as: UTF8.self)
        var header = 8
        if size == 1 {
            guard available >= 16 else { return false }
            let large = be64(start + 8)
            guard large <= UInt64(Int.max / 2) else { throw MP4Error.invalidBox(offset: offset, "size too large") }
            size = Int(large)
            header = 16
        }
        if !sawFtyp {
            guard type == "ftyp" else { throw MP4Error.notMP4 }
            sawFtyp = true
        }
        let runsToEnd = size == 0
        guard runsToEnd || size >= header else { throw MP4Error.invalidBox(offset: offset, "box '\(type)' smaller than its header") }
        if !runsToEnd, let parentEnd = stack.last?.end, offset + size > parentEnd {
            throw MP4Error.invalidBox(offset: offset, "box '\(type)' overruns its parent")
        }
        if Self.containers.contains(type) {
            guard stack.count < Self.maxDepth else { throw MP4Error.tooDeep }
            consume(header)
            if type == "moof" { moofStart = offset - header; fragmentBase = nil }
            if type == "trak" { current = Track() }
            stack.append(Open(type: type, end: runsToEnd ? nil : offset - header + size))
            return true
        }
        if type == "mdat" {
            try decide()
            consume(header)
            inMdat = true
            mdatEnd = runsToEnd ? nil : offset - header + size
            return true
        }
        guard !runsToEnd else { throw MP4Error.invalidBox(offset: offset, "box '\(type)' without a size") }
        if Self.leavesRead.contains(type) {
            guard size <= Self.maxBoxSize else { throw MP4Error.boxTooLarge(type: type, size: size) }
            guard available >= size else { return false }
            let body = Array(buffer[(start + header)..<(start + size)])
            consume(size)
            try leaf(type, body)
            return true
        }
        // Skip anything else (free, udta, sidx…) without holding it.
        let inBuffer = min(size, available)
        consume(inBuffer)
        skip = size - inBuffer
        return try skipStep()
    }

    private var skip = 0

    private func skipStep() throws -> Bool {
        let taken = min(skip, available)
        consume(taken)
        skip -= taken
        return skip == 0 && available > 0
    }

    private func consume(_ count: Int) {
        start += count
        offset += count
    }

    /// Walks through an mdat's payload, cutting out the audio samples expected in it.
    private func mdatStep() throws -> Bool {
        if skip > 0 { return try skipStep() }
        let end = mdatEnd ?? Int.max
        if offset >= end {
            inMdat = false
            return true
        }
        guard available > 0 else { return false }
        if expectedIndex < expected.count {
            let sample = expected[expectedIndex]
            if sample.offset < offset { throw MP4Error.invalidBox(offset: offset, "a sample lies outside the data") }
            if sample.offset < end, sample.offset + sample.size <= end {
                if sample.offset > offset {
                    consume(min(sample.offset - offset, available))
                    return available > 0
                }
                guard available >= sample.size else { return false }
                try buffer.withUnsafeBytes { raw in
                    try onSample(UnsafeRawBufferPointer(rebasing: raw[start..<(start + sample.size)]))
                }
                sampleCount += 1
                consume(sample.size)
                expectedIndex += 1
                return true
            }
        }
        // Nothing more of ours in this mdat: skip the rest of it.
        if mdatEnd == nil {
            consume(available)
            return false
        }
        let rest = end - offset
        let taken = min(rest, available)
        consume(taken)
        skip = rest - taken
        if skip == 0 { inMdat = false }
        return available > 0 || skip == 0
    }

    private func close(_ box: Open) throws {
        if box.type == "trak", let current {
            tracks.append(current)
            self.current = nil
        }
        if box.type == "moov" { try decide() }
    }

    private func leaf(_ type: String, _ body: [UInt8]) throws {
        switch type {
        case "ftyp": break
        case "tkhd":
            guard body.count >= 24 else { throw MP4Error.invalidTrack("short tkhd") }
            current?.id = body[0] == 1 ? try be32(body, 20) : try be32(body, 12)
        case "hdlr":
            guard body.count >= 12 else { throw MP4Error.invalidTrack("short hdlr") }
            current?.handler = String(decoding: body[8..<12], as: UTF8.self)
        case "mdhd": break
        case "stsd": try sampleDescription(body)
        case "stsz":
            guard body.count >= 12 else { throw MP4Error.invalidTrack("short stsz") }
            let uniform = Int(try be32(body, 4)), count = Int(try be32(body, 8))
            guard count >= 0, count <= (uniform == 0 ? (body.count - 12) / 4 : 1 << 22) else { throw MP4Error.invalidTrack("stsz count lies") }
            current?.sizes = uniform != 0 ? Array(repeating: uniform, count: count) : try (0..<count).map { Int(try be32(body, 12 + 4 * $0)) }
        case "stco", "co64":
            guard body.count >= 8 else { throw MP4Error.invalidTrack("short chunk offsets") }
            let count = Int(try be32(body, 4)), width = type == "co64" ? 8 : 4
            guard count <= (body.count - 8) / width else { throw MP4Error.invalidTrack("chunk offset count lies") }
            current?.chunkOffsets = try (0..<count).map { width == 8 ? try fileOffset(body, 8 + 8 * $0) : Int(try be32(body, 8 + 4 * $0)) }
        case "stsc":
            guard body.count >= 8 else { throw MP4Error.invalidTrack("short stsc") }
            let count = Int(try be32(body, 4))
            guard count <= (body.count - 8) / 12 else { throw MP4Error.invalidTrack("stsc count lies") }
            let runs = try (0..<count).map { (firstChunk: Int(try be32(body, 8 + 12 * $0)), count: Int(try be32(body, 12 + 12 * $0))) }
            // Sorted, as the format requires, so the sample list is built in one walk (see decide).
            guard zip(runs, runs.dropFirst()).allSatisfy({ $0.firstChunk < $1.firstChunk }) else { throw MP4Error.invalidTrack("stsc out of order") }
            current?.samplesPerChunk = runs
        case "tfhd": try fragmentHeader(body)
        case "trun": try fragmentRun(body)
        default: break
        }
    }

    /// The sample description: for Opus, an AudioSampleEntry whose `dOps` box is the OpusHead's twin.
    private func sampleDescription(_ body: [UInt8]) throws {
        guard body.count >= 16 else { throw MP4Error.invalidTrack("short stsd") }
        let entrySize = Int(try be32(body, 8))
        let format = String(decoding: body[12..<16], as: UTF8.self)
        current?.codec = format
        guard format == "Opus", current?.handler == "soun" || current?.handler.isEmpty == true else { return }
        guard entrySize >= 36, 8 + entrySize <= body.count else { throw MP4Error.invalidTrack("short Opus sample entry") }
        var position = 8 + 8 + 28
        while position + 8 <= 8 + entrySize {
            let size = Int(try be32(body, position))
            let type = String(decoding: body[(position + 4)..<(position + 8)], as: UTF8.self)
            guard size >= 8, position + size <= body.count else { throw MP4Error.invalidTrack("bad box in the Opus sample entry") }
            if type == "dOps" {
                let ops = Array(body[(position + 8)..<(position + size)])
                guard ops.count >= 11, ops[0] == 0 else { throw MP4Error.invalidTrack("unsupported dOps version") }
                let family = ops[10]
                guard family == 0, (1...2).contains(Int(ops[1])) else {
                    throw MP4Error.invalidTrack("Opus channel mapping family \(family) with \(ops[1]) channels")
                }
                current?.head = OpusHead(channelCount: Int(ops[1]), preSkip: Int(try be16(ops, 2)), inputSampleRate: Int(try be32(ops, 4)),
                                         outputGain: Int16(bitPattern: try be16(ops, 8)))
            }
            position += size
        }
        guard current?.head != nil else { throw MP4Error.invalidTrack("Opus sample entry without dOps") }
    }

    private func fragmentHeader(_ body: [UInt8]) throws {
        guard body.count >= 8 else { throw MP4Error.invalidBox(offset: offset, "short tfhd") }
        let flags = Int(try be32(body, 0) & 0xFF_FFFF)
        fragmentTrack = try be32(body, 4)
        var position = 8
        fragmentBase = nil
        if flags & 0x01 != 0 { fragmentBase = try fileOffset(body, position); position += 8 }
        if flags & 0x02 != 0 { position += 4 }
        if flags & 0x08 != 0 { position += 4 }
        fragmentDefaultSize = 0
        if flags & 0x10 != 0, position + 4 <= body.count { fragmentDefaultSize = Int(try be32(body, position)) }
        if fragmentBase == nil { fragmentBase = moofStart }  // default-base-is-moof, as browsers write
    }

    private func fragmentRun(_ body: [UInt8]) throws {
        try decide()
        guard let audio, fragmentTrack == audio.id else { return }
        guard body.count >= 8 else { throw MP4Error.invalidBox(offset: offset, "short trun") }
        let flags = Int(try be32(body, 0) & 0xFF_FFFF)
        let count = Int(try be32(body, 4))
        var position = 8
        var dataOffset = 0
        if flags & 0x001 != 0 { dataOffset = Int(Int32(bitPattern: try be32(body, position))); position += 4 }
        if flags & 0x004 != 0 { position += 4 }
        let fields = [0x100, 0x200, 0x400, 0x800].filter { flags & $0 != 0 }
        guard count <= 1 << 16, fields.isEmpty || count <= (body.count - position) / (fields.count * 4) else {
            throw MP4Error.invalidBox(offset: offset, "trun sample count lies")
        }
        // Drop the samples already cut out only when they are most of the list: copying the list for
        // every trun made many tiny truns quadratic.
        if expectedIndex > expected.count / 2 {
            expected.removeFirst(expectedIndex)
            expectedIndex = 0
        }
        // Samples wait here until their mdat arrives: a few per fragment in real files. Without a cap,
        // 16-byte truns of 65,536 default-size samples each made a 50 KB upload allocate gigabytes.
        guard expected.count - expectedIndex + count <= 1 << 16 else {
            throw MP4Error.invalidBox(offset: offset, "more than 65,536 samples waiting for their data")
        }
        var at = (fragmentBase ?? moofStart) + dataOffset
        for _ in 0..<count {
            var size = fragmentDefaultSize
            for field in fields {
                if field == 0x200 { size = Int(try be32(body, position)) }
                position += 4
            }
            guard size > 0, size <= OpusPacket.maxPacketBytes else { throw MP4Error.invalidBox(offset: offset, "sample of \(size) bytes") }
            expected.append((at, size))
            at += size
        }
    }

    /// Picks the first sound track once the moov is read; builds the sample list of fast-start files.
    private func decide() throws {
        guard !decided else { return }
        decided = true
        guard let track = tracks.first(where: { $0.handler == "soun" }) else {
            throw tracks.isEmpty ? MP4Error.indexAfterAudio : MP4Error.noAudioTrack
        }
        guard track.codec == "Opus" else { throw MP4Error.unsupportedCodec(track.codec ?? "none") }
        guard let head = track.head else { throw MP4Error.invalidTrack("no dOps") }
        audio = track
        self.head = head
        // A non-fragmented file: sample positions from the chunk offsets and samples-per-chunk table.
        if !track.sizes.isEmpty {
            var sample = 0, run = -1
            let runs = track.samplesPerChunk
            // One walk over both tables: searching the runs for every chunk made a crafted 22 MB upload take hours.
            for (chunkIndex, chunkOffset) in track.chunkOffsets.enumerated() where sample < track.sizes.count {
                while run + 1 < runs.count, runs[run + 1].firstChunk <= chunkIndex + 1 { run += 1 }
                var at = chunkOffset
                for _ in 0..<min(run < 0 ? 0 : runs[run].count, track.sizes.count - sample) {
                    // A sample is held whole until it has arrived: one of 4 GB would hold the whole upload.
                    let size = track.sizes[sample]
                    guard size > 0, size <= OpusPacket.maxPacketBytes else { throw MP4Error.invalidTrack("sample of \(size) bytes") }
                    expected.append((at, size))
                    at += size
                    sample += 1
                }
            }
            expected.sort { $0.offset < $1.offset }
        }
        try onTrack(head)
    }

    /// Big-endian reads that treat a box too short for its fields as broken, never as a crash.
    private func be16(_ bytes: [UInt8], _ at: Int) throws -> UInt16 { UInt16(try read(bytes, at, 2)) }
    private func be32(_ bytes: [UInt8], _ at: Int) throws -> UInt32 { UInt32(try read(bytes, at, 4)) }
    private func be64(_ bytes: [UInt8], _ at: Int) throws -> UInt64 { try read(bytes, at, 8) }
    /// A 64-bit file offset. Anything past Int.max / 2 is a lie (no upload is that long); refusing it
    /// keeps the sums of offsets and sample sizes from overflowing.
    private func fileOffset(_ bytes: [UInt8], _ at: Int) throws -> Int {
        let value = try be64(bytes, at)
        guard value <= UInt64(Int.max / 2) else { throw MP4Error.invalidBox(offset: offset, "file offset \(value) too large") }
        return Int(value)
    }
    private func be32(_ at: Int) -> UInt32 { buffer[at..<(at + 4)].reduce(0) { $0 << 8 | UInt32($1) } }
    private func be64(_ at: Int) -> UInt64 { buffer[at..<(at + 8)].reduce(0) { $0 << 8 | UInt64($1) } }

    private func read(_ bytes: [UInt8], _ at: Int, _ width: Int) throws -> UInt64 {
        guard at >= 0, at + width <= bytes.count else { throw MP4Error.invalidBox(offset: offset, "a box is shorter than its fields") }
        return bytes[at..<(at + width)].reduce(0) { $0 << 8 | UInt64($1) }
    }
}

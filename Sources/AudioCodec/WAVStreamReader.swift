/// Reads a RIFF/WAVE byte stream chunk by chunk, in whatever pieces it arrives, and hands out mono
/// float samples in [-1, 1] (all channels averaged) as soon as they are complete.
///
/// Memory stays flat: only a header, at most one partial frame and one chunk's worth of samples are
/// held. Chunks other than `fmt ` and `data` (LIST, fact, bext, JUNK…) are skipped. A `data` size of
/// 0 or 0xFFFFFFFF, as streaming recorders write, means "until the end of the stream".
public final class WAVStreamReader {
    private enum State {
        case riffHeader
        case chunkHeader
        case formatChunk(size: Int)
        case skipping(remaining: Int)
        /// `remaining` is nil when the data runs to the end of the stream.
        case data(remaining: Int?)
    }

    /// The largest `fmt ` chunk we accept; real ones are 16, 18 or 40 bytes.
    static let maxFormatChunkSize = 1_024

    /// The format, once the `fmt ` chunk has been read.
    public private(set) var format: WAVFormat?
    /// Audio bytes read from the `data` chunk so far.
    public private(set) var dataBytesReceived = 0

    private var state = State.riffHeader
    private var pending: [UInt8] = []
    private var offset = 0
    private var riffEnd: Int?
    private var declaredDataSize: Int?
    private var sawData = false
    /// Reused output buffer and a frame split across two pieces of the stream (see +Conversion).
    var scratch: [Float] = []
    var carry: [UInt8] = []

    public init() {}

    /// Feeds the next bytes of the stream. `samples` receives the mono samples they completed.
    public func consume(
        _ bytes: UnsafeRawBufferPointer,
        samples: (UnsafeBufferPointer<Float>) throws -> Void
    ) throws {
        var index = 0
        while index < bytes.count {
            let available = bytes.count - index
            switch state {
            case .riffHeader:
                let taken = gather(bytes, from: index, upTo: 12)
                index += taken
                guard pending.count == 12 else { break }
                guard pending.fourCC(at: 0) == "RIFF", pending.fourCC(at: 8) == "WAVE" else { throw WAVError.notRIFFWAVE }
                let riffSize = pending.littleEndianUInt32(at: 4)
                if riffSize != 0 && riffSize != 0xFFFF_FFFF { riffEnd = 8 + Int(riffSize) }
                pending.removeAll(keepingCapacity: true)
                offset = 12
                state = .chunkHeader
            case .chunkHeader:
                let taken = gather(bytes, from: index, upTo: 8)
                index += taken
                guard pending.count == 8 else { break }
                try beginChunk(id: pending.fourCC(at: 0), size: Int(pending.littleEndianUInt32(at: 4)))
                pending.removeAll(keepingCapacity: true)
            case .formatChunk(let size):
                let taken = gather(bytes, from: index, upTo: size)
                index += taken
                guard pending.count == size else { break }
                format = try Self.parseFormat(pending)
                pending.removeAll(keepingCapacity: true)
                offset += size
                state = size % 2 == 1 ? .skipping(remaining: 1) : .chunkHeader
            case .skipping(let remaining):
                let taken = min(remaining, available)
                index += taken
                offset += taken
                state = remaining == taken ? .chunkHeader : .skipping(remaining: remaining - taken)
            case .data(let remaining):
                let taken = min(remaining ?? available, available)
                try convert(UnsafeRawBufferPointer(rebasing: bytes[index..<(index + taken)]), samples: samples)
                index += taken
                offset += taken
                dataBytesReceived += taken
                if let remaining {
                    if remaining == taken {
                        state = (declaredDataSize ?? 0) % 2 == 1 ? .skipping(remaining: 1) : .chunkHeader
                    } else {
                        state = .data(remaining: remaining - taken)
                    }
                }
            }
        }
    }

    /// Declares the end of the stream; throws when it ended before the audio did.
    public func finish() throws {
        switch state {
        case .riffHeader, .formatChunk:
            throw WAVError.truncatedHeader
        case .chunkHeader, .skipping:
            guard sawData else { throw pending.isEmpty ? WAVError.dataChunkMissing : WAVError.truncatedHeader }
        case .data(let remaining):
            if let remaining, remaining > 0, let declaredDataSize {
                throw WAVError.truncatedData(declared: declaredDataSize, received: dataBytesReceived)
            }
        }
    }

    private func beginChunk(id: String, size: Int) throws {
        offset += 8
        let runsToEnd = id == "data" && (size == 0 || size == 0xFFFF_FFFF)
        if let riffEnd, !runsToEnd, offset + size > riffEnd {
            throw WAVError.chunkExceedsRIFF(chunk: id, size: size)
        }
        switch id {
        case "fmt ":
            guard format == nil else { throw WAVError.unexpectedFormatChunk }
            guard (16...Self.maxFormatChunkSize).contains(size) else { throw WAVError.invalidFormatChunkSize(size) }
            state = .formatChunk(size: size)
        case "data" where !sawData:
            guard format != nil else { throw WAVError.dataBeforeFormat }
            sawData = true
            declaredDataSize = runsToEnd ? nil : size
            state = .data(remaining: runsToEnd ? nil : size)
            if size == 0 && !runsToEnd { state = .chunkHeader }
        default:
            state = size == 0 ? .chunkHeader : .skipping(remaining: size + size % 2)
        }
    }

    /// Moves bytes into `pending` until it holds `target`; returns how many were taken.
    private func gather(_ bytes: UnsafeRawBufferPointer, from index: Int, upTo target: Int) -> Int {
        let taken = min(target - pending.count, bytes.count - index)
        pending.append(contentsOf: bytes[index..<(index + taken)])
        return taken
    }
}

extension Array where Element == UInt8 {
    func fourCC(at index: Int) -> String {
        String(decoding: self[index..<(index + 4)], as: UTF8.self)
    }

    func littleEndianUInt16(at index: Int) -> UInt16 {
        UInt16(self[index]) | UInt16(self[index + 1]) << 8
    }

    func littleEndianUInt32(at index: Int) -> UInt32 {
        UInt32(self[index]) | UInt32(self[index + 1]) << 8 | UInt32(self[index + 2]) << 16 | UInt32(self[index + 3]) << 24
    }
}

import AudioCodec
import Testing
import TestSupport

@Suite("WAV stream reader")
struct WAVStreamReaderTests {
    struct Layout: CustomTestStringConvertible, Sendable {
        let encoding: WAVFormat.Encoding
        let bits: Int
        let channels: Int
        let extensible: Bool
        var testDescription: String { "\(encoding == .integer ? "pcm" : "float")\(bits) ×\(channels)\(extensible ? " extensible" : "")" }
        /// Largest difference quantisation may cause.
        var tolerance: Float { bits == 8 ? 1.0 / 100 : 1.0 / 16_000 }
    }

    static let layouts: [Layout] = [
        .init(encoding: .integer, bits: 8, channels: 1, extensible: false),
        .init(encoding: .integer, bits: 16, channels: 1, extensible: false),
        .init(encoding: .integer, bits: 16, channels: 2, extensible: false),
        .init(encoding: .integer, bits: 24, channels: 1, extensible: false),
        .init(encoding: .integer, bits: 32, channels: 3, extensible: false),
        .init(encoding: .float, bits: 32, channels: 1, extensible: false),
        .init(encoding: .float, bits: 64, channels: 2, extensible: false),
        .init(encoding: .integer, bits: 16, channels: 6, extensible: true),
        .init(encoding: .integer, bits: 24, channels: 2, extensible: true),
        .init(encoding: .float, bits: 32, channels: 1, extensible: true),
    ]

    @Test("reads every layout, fed in pieces of any size", arguments: layouts, [1, 5, 333, 1 << 20])
    func readsLayout(_ layout: Layout, pieceSize: Int) throws {
        let signal = Signals.sine(frequency: 440, sampleRate: 16_000, seconds: 0.25)
        let file = TestWAV.make(
            signal, sampleRate: 16_000, channels: layout.channels,
            encoding: layout.encoding, bits: layout.bits, extensible: layout.extensible
        )
        let (samples, format) = try AudioDecoding.wav(file, pieceSize: pieceSize)
        #expect(format == WAVFormat(
            encoding: layout.encoding, bitsPerSample: layout.bits, channels: layout.channels,
            sampleRate: 16_000, isExtensible: layout.extensible
        ))
        #expect(samples.count == signal.count)
        let worst = zip(samples, signal).map { abs($0 - $1) }.max() ?? 1
        #expect(worst <= layout.tolerance)
    }

    @Test("averages channels into mono")
    func downmixesChannels() throws {
        // Left full scale positive, right silent: the mono mix is half.
        var data: [UInt8] = []
        for _ in 0..<100 { data.le(Int16(16_384)); data.le(Int16(0)) }
        var fmt: [UInt8] = []
        fmt.le(UInt16(1)); fmt.le(UInt16(2)); fmt.le(UInt32(8_000)); fmt.le(UInt32(32_000)); fmt.le(UInt16(4)); fmt.le(UInt16(16))
        let body = Array("WAVE".utf8) + TestWAV.chunk("fmt ", fmt) + TestWAV.chunk("data", data)
        var file = Array("RIFF".utf8); file.le(UInt32(body.count)); file += body
        let (samples, _) = try AudioDecoding.wav(file)
        #expect(samples.count == 100)
        #expect(samples.allSatisfy { abs($0 - 0.25) < 1e-6 })
    }

    @Test("skips chunks it does not know, with pad bytes")
    func skipsUnknownChunks() throws {
        let signal = Signals.sine(frequency: 300, sampleRate: 8_000, seconds: 0.1)
        let file = TestWAV.make(signal, sampleRate: 8_000, extraChunksBeforeData: [
            ("LIST", Array("INFOISFT\u{5}\u{0}\u{0}\u{0}test\u{0}".utf8)),
            ("fact", [0x20, 0x03, 0, 0]),
            ("bext", [UInt8](repeating: 7, count: 603)),
            ("JUNK", [UInt8](repeating: 0, count: 27)),
        ]) + TestWAV.chunk("LIST", [1, 2, 3])
        // Fix the RIFF size to cover the trailing LIST.
        var fixed = file
        let riffSize = UInt32(fixed.count - 8)
        fixed.replaceSubrange(4..<8, with: withUnsafeBytes(of: riffSize.littleEndian) { Array($0) })
        let (samples, _) = try AudioDecoding.wav(fixed, pieceSize: 7)
        #expect(samples.count == signal.count)
    }

    @Test("a data size of 0 or 0xFFFFFFFF runs to the end of the stream", arguments: [UInt32(0), 0xFFFF_FFFF])
    func streamingDataSize(_ size: UInt32) throws {
        let signal = Signals.sine(frequency: 200, sampleRate: 12_000, seconds: 0.2)
        var file = TestWAV.make(signal, sampleRate: 12_000, dataSize: size)
        file.replaceSubrange(4..<8, with: [0xFF, 0xFF, 0xFF, 0xFF])
        let (samples, _) = try AudioDecoding.wav(file, pieceSize: 100)
        #expect(samples.count == signal.count)
    }

    // MARK: broken files

    static func valid() -> [UInt8] {
        TestWAV.make(Signals.sine(frequency: 440, sampleRate: 16_000, seconds: 0.05), sampleRate: 16_000)
    }

    /// Overwrites bytes of `file` at `offset`.
    static func patch(_ file: [UInt8], at offset: Int, _ bytes: [UInt8]) -> [UInt8] {
        var copy = file
        copy.replaceSubrange(offset..<(offset + bytes.count), with: bytes)
        return copy
    }

    static func le32(_ value: UInt32) -> [UInt8] { withUnsafeBytes(of: value.littleEndian) { Array($0) } }
    static func le16(_ value: UInt16) -> [UInt8] { withUnsafeBytes(of: value.littleEndian) { Array($0) } }

    static func brokenCases() -> [(String, [UInt8], WAVError)] {
        let file = valid()
        // Offsets in the canonical layout: RIFF(0) size(4) WAVE(8) "fmt "(12) size(16) tag(20)
        // channels(22) rate(24) byteRate(28) align(32) bits(34) "data"(36) size(40) samples(44).
        let dataSize = file.count - 44
        var fmtAfterData = Array(file[0..<12]) + Array(file[36...]) + Array(file[12..<36])
        fmtAfterData = patch(fmtAfterData, at: 4, le32(UInt32(fmtAfterData.count - 8)))
        return [
            ("empty stream", [], .truncatedHeader),
            ("truncated RIFF header", Array(file[0..<10]), .truncatedHeader),
            ("truncated fmt chunk", Array(file[0..<30]), .truncatedHeader),
            ("truncated chunk header", Array(file[0..<40]), .truncatedHeader),
            ("truncated data", Array(file.dropLast(100)), .truncatedData(declared: dataSize, received: dataSize - 100)),
            ("data size lies (larger than the body)", patch(patch(file, at: 40, le32(UInt32(dataSize + 5_000))), at: 4, le32(0xFFFF_FFFF)),
             .truncatedData(declared: dataSize + 5_000, received: dataSize)),
            ("data size exceeds the RIFF size", patch(file, at: 40, le32(UInt32(dataSize + 5_000))),
             .chunkExceedsRIFF(chunk: "data", size: dataSize + 5_000)),
            ("not RIFF", patch(file, at: 0, Array("RIFX".utf8)), .notRIFFWAVE),
            ("RIFF but not WAVE", patch(file, at: 8, Array("AVI ".utf8)), .notRIFFWAVE),
            ("zero channels", patch(file, at: 22, le16(0)), .zeroChannels),
            ("sample rate 0", patch(file, at: 24, le32(0)), .sampleRateOutOfRange(0)),
            ("absurd sample rate", patch(file, at: 24, le32(4_000_000_000)), .sampleRateOutOfRange(4_000_000_000)),
            ("MP3 format tag", patch(file, at: 20, le16(0x0055)), .unsupportedFormatTag(0x0055)),
            ("12-bit samples", patch(file, at: 34, le16(12)), .unsupportedBitsPerSample(12, .integer)),
            ("block align lies", patch(file, at: 32, le16(4)), .inconsistentBlockAlign(declared: 4, expected: 2)),
            ("fmt chunk too short", patch(file, at: 16, le32(8)), .invalidFormatChunkSize(8)),
            ("fmt chunk size absurd", patch(file, at: 16, le32(0x7FFF_FFF0)), .chunkExceedsRIFF(chunk: "fmt ", size: 0x7FFF_FFF0)),
            ("fmt chunk after data", fmtAfterData, .dataBeforeFormat),
            ("no data chunk", patch(Array(file[0..<36]), at: 4, le32(28)), .dataChunkMissing),
            ("data holds no audio", patch(Array(file[0..<44]), at: 40, le32(0)), .noAudio),
        ]
    }

    @Test("broken files give a typed error, never a crash", arguments: 0..<20)
    func brokenFile(_ index: Int) throws {
        let cases = Self.brokenCases()
        try #require(cases.count == 20)
        let (_, bytes, expected) = cases[index]
        for pieceSize in [1, 13, 4_096] {
            let error = #expect(throws: WAVError.self) {
                if expected == .noAudio {
                    _ = try AudioDecoding.encode(bytes, settings: OpusEncoderSettings(), pieceSize: pieceSize)
                } else {
                    _ = try AudioDecoding.wav(bytes, pieceSize: pieceSize)
                }
            }
            #expect(error == expected, "\(cases[index].0)")
        }
    }

    @Test("error messages say what is wrong")
    func messages() {
        #expect(WAVError.dataChunkMissing.description == "WAV data chunk missing")
        #expect(WAVError.unsupportedFormatTag(0x0055).description == "unsupported WAV format tag 0x0055")
        #expect(WAVError.truncatedData(declared: 100, received: 40).description.contains("100 bytes but only 40"))
    }
}

import AudioCodec
import Testing
import TestSupport

@Suite("Ogg Opus reader on broken input")
struct OggOpusReaderTests {
    static func encoded() throws -> [UInt8] {
        let signal = Signals.sine(frequency: 440, sampleRate: 48_000, seconds: 2.5)
        return try AudioDecoding.encode(TestWAV.make(signal, sampleRate: 48_000), settings: OpusEncoderSettings()).ogg
    }

    @Test("a flipped byte inside a page fails its CRC")
    func badCRC() throws {
        var ogg = try Self.encoded()
        let pages = try OggPageScanner.pages(ogg)
        ogg[pages[3].byteRange.lowerBound + 40] ^= 0x5A
        #expect(throws: OggOpusError.self) { _ = try AudioDecoding.oggOpus(ogg) }
    }

    @Test("bytes that are not Ogg")
    func notOgg() throws {
        let wav = TestWAV.make([0, 0, 0], sampleRate: 8_000)
        #expect(throws: OggOpusError.notOgg) { _ = try AudioDecoding.oggOpus(wav) }
        #expect(throws: OggOpusError.truncated) { _ = try AudioDecoding.oggOpus([]) }
    }

    @Test("a stream cut inside a page or before its headers", arguments: [10, 30, 60, 100, 2_000])
    func truncated(_ length: Int) throws {
        let ogg = try Self.encoded()
        #expect(throws: OggOpusError.self) { _ = try AudioDecoding.oggOpus(Array(ogg.prefix(length))) }
    }

    @Test("a missing page is noticed")
    func missingPage() throws {
        let ogg = try Self.encoded()
        let pages = try OggPageScanner.pages(ogg)
        let gap = Array(ogg[..<pages[3].byteRange.lowerBound]) + Array(ogg[pages[3].byteRange.upperBound...])
        #expect(throws: OggOpusError.missingPages) { _ = try AudioDecoding.oggOpus(gap) }
    }

    @Test("OpusTags whose comment count lies")
    func tagsCountLies() throws {
        var tags = OpusTags(comments: ["A=b"]).serialized()
        let countOffset = 8 + 4 + OpusTags.libopusVendor.utf8.count
        tags.replaceSubrange(countOffset..<(countOffset + 4), with: [0xFF, 0xFF, 0xFF, 0x0F])
        #expect(throws: OggOpusError.self) { _ = try tags.withUnsafeBytes { try OpusTags(parsing: $0) } }
        let head: [UInt8] = Array("OpusHead".utf8) + [1, 0, 0, 0, 0x80, 0xBB, 0, 0, 0, 0, 0]
        #expect(throws: OggOpusError.invalidOpusHead("zero channels")) { _ = try head.withUnsafeBytes { try OpusHead(parsing: $0) } }
    }
}

import AudioCodec
import Foundation
import Testing
import TestSupport

@Suite("WAV → Ogg Opus → PCM round trip")
struct OggOpusRoundTripTests {
    static let settings = try! OpusEncoderSettings()

    @Test("a sine sweep at 48 kHz comes back with its exact length and shape")
    func sweepAt48k() throws {
        let signal = Signals.sweep(from: 100, to: 4_000, sampleRate: 48_000, seconds: 3)
        let (ogg, result) = try AudioDecoding.encode(TestWAV.make(signal, sampleRate: 48_000), settings: Self.settings)
        #expect(result.encoding.sampleCount48k == signal.count)
        #expect(result.encoding.durationMs == 3_000)
        let decoded = try AudioDecoding.oggOpus(ogg)
        #expect(decoded.samples.count == signal.count)
        // Pre-skip is honoured, so the best alignment is within a few samples of zero (the lookahead
        // is 312 samples: a missed pre-skip would show up as a lag of hundreds).
        let best = Signals.bestCorrelation(signal, decoded.samples, maxLag: 400)
        #expect(abs(best.lag) <= 8, "lag \(best.lag)")
        #expect(best.value >= 0.9, "correlation \(best.value)")
    }

    @Test("Opus-native rates are encoded as they are and decode to the exact 48 kHz length", arguments: [8_000, 12_000, 16_000, 24_000])
    func nativeRates(_ rate: Int) throws {
        let signal = Signals.sine(frequency: 330, sampleRate: rate, seconds: 1.013)
        let (ogg, result) = try AudioDecoding.encode(TestWAV.make(signal, sampleRate: rate), settings: Self.settings)
        let expected = signal.count * 48_000 / rate
        #expect(result.encoding.sampleCount48k == expected)
        let decoded = try AudioDecoding.oggOpus(ogg)
        #expect(decoded.samples.count == expected)
        #expect(decoded.head.inputSampleRate == rate)
        let reference = Signals.sine(frequency: 330, sampleRate: 48_000, seconds: Double(expected) / 48_000)
        let best = Signals.bestCorrelation(reference, decoded.samples, maxLag: 200)
        #expect(best.value >= 0.9, "correlation \(best.value) at lag \(best.lag)")
    }

    @Test("other rates are resampled to 48 kHz with libsoxr", arguments: [11_025, 22_050, 44_100, 96_000])
    func resampledRates(_ rate: Int) throws {
        let seconds = 0.777
        let signal = Signals.sine(frequency: 500, sampleRate: rate, seconds: seconds)
        let (ogg, result) = try AudioDecoding.encode(TestWAV.make(signal, sampleRate: rate, channels: 2), settings: Self.settings)
        let expected = Int((Double(signal.count) * 48_000 / Double(rate)).rounded())
        #expect(result.encoding.sampleCount48k == expected)
        let decoded = try AudioDecoding.oggOpus(ogg)
        #expect(decoded.samples.count == expected)
        #expect(decoded.head.inputSampleRate == rate)
        let reference = Signals.sine(frequency: 500, sampleRate: 48_000, seconds: Double(expected) / 48_000)
        let best = Signals.bestCorrelation(reference, decoded.samples, maxLag: 200)
        #expect(best.value >= 0.9, "correlation \(best.value) at lag \(best.lag)")
    }

    @Test("speech from espeak-ng survives the round trip")
    func speech() throws {
        let wav = try ExternalTool.speechWAV()
        let source = try AudioDecoding.wav(wav)
        #expect(source.format.sampleRate == 22_050)
        let (ogg, result) = try AudioDecoding.encode(wav, settings: Self.settings)
        let expected = Int((Double(source.samples.count) * 48_000 / 22_050).rounded())
        #expect(result.encoding.sampleCount48k == expected)
        let decoded = try AudioDecoding.oggOpus(ogg)
        #expect(decoded.samples.count == expected)
        // Reference at 48 kHz made by sox, an independent resampler.
        let directory = try ExternalTool.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appendingPathComponent("in.wav"), output = directory.appendingPathComponent("48k.wav")
        try Data(wav).write(to: input)
        try ExternalTool.run("sox", [input.path, "-r", "48000", "-b", "32", "-e", "float", output.path])
        let reference = try AudioDecoding.wav([UInt8](Data(contentsOf: output))).samples
        let best = Signals.bestCorrelation(reference, decoded.samples, maxLag: 100)
        #expect(best.value >= 0.9, "correlation \(best.value) at lag \(best.lag)")
    }

    @Test("the stream follows RFC 7845 page by page")
    func pageLayout() throws {
        let signal = Signals.sweep(from: 200, to: 2_000, sampleRate: 16_000, seconds: 4.5)
        let (ogg, result) = try AudioDecoding.encode(
            TestWAV.make(signal, sampleRate: 16_000), settings: Self.settings, title: "Chez le médecin", language: "fr-FR"
        )
        let pages = try OggPageScanner.pages(ogg)
        // OpusHead alone on the first page, beginning of stream, granule 0.
        #expect(pages[0].isBeginningOfStream && pages[0].packetSizes == [19] && pages[0].granulePosition == 0)
        // OpusTags on its own page, granule 0, nothing else.
        #expect(pages[1].packetSizes.count == 1 && pages[1].granulePosition == 0 && !pages[1].isBeginningOfStream)
        let audio = pages.dropFirst(2)
        // Pages flushed at least every second of audio.
        var previous: Int64 = 0
        for page in audio {
            #expect(page.granulePosition - previous <= 48_000)
            #expect(page.granulePosition >= previous)
            previous = page.granulePosition
        }
        #expect(audio.last!.isEndOfStream)
        #expect(audio.dropLast().allSatisfy { !$0.isEndOfStream })
        #expect(Set(pages.map(\.serialNumber)).count == 1)
        #expect(pages.map(\.sequence) == (0..<UInt32(pages.count)).map { $0 })
        let decoded = try AudioDecoding.oggOpus(ogg)
        // Pre-skip is the encoder's lookahead scaled to 48 kHz; end trimming gives the exact length.
        #expect(decoded.head.preSkip == result.encoding.preSkip && decoded.head.preSkip > 0)
        #expect(decoded.head.preSkip % 3 == 0)
        #expect(audio.last!.granulePosition == Int64(decoded.head.preSkip + signal.count * 3))
        #expect(decoded.head.channelCount == 1 && decoded.head.outputGain == 0 && decoded.head.mappingFamily == 0)
        #expect(decoded.tags.vendor.hasPrefix("libopus"))
        #expect(decoded.tags.value(of: "encoder") == WAVToOggOpusTranscoder.encoderName)
        #expect(decoded.tags.value(of: "TITLE") == "Chez le médecin")
        #expect(decoded.tags.value(of: "LANGUAGE") == "fr-FR")
    }

    @Test("opusinfo from opus-tools accepts the stream", arguments: [16_000, 44_100, 48_000])
    func opusinfoAccepts(_ rate: Int) throws {
        let signal = Signals.sweep(from: 100, to: 3_000, sampleRate: rate, seconds: 2.5)
        let (ogg, _) = try AudioDecoding.encode(TestWAV.make(signal, sampleRate: rate), settings: Self.settings, title: "test")
        let directory = try ExternalTool.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("out.opus")
        try Data(ogg).write(to: file)
        let info = try ExternalTool.run("opusinfo", [file.path])
        let text = info.stdout + info.stderr
        #expect(!text.contains("WARNING") && !text.contains("ERROR"), "\(text)")
        #expect(text.contains("Pre-skip"))
        #expect(text.contains("Original sample rate: \(rate) Hz"))
        #expect(text.contains("Playback length: 0m:02.5"))
    }

    @Test("the bitrate setting is honoured", arguments: [12_000, 24_000, 64_000])
    func bitrate(_ bitrate: Int) throws {
        let wav = try ExternalTool.speechWAV()
        let (ogg, result) = try AudioDecoding.encode(wav, settings: OpusEncoderSettings(bitrate: bitrate))
        let seconds = Double(result.encoding.sampleCount48k) / 48_000
        let measured = Double(ogg.count * 8) / seconds
        // VBR on speech with pauses: the average stays within a broad band around the target.
        #expect(measured < Double(bitrate) * 1.5 && measured > Double(bitrate) * 0.3, "\(measured) b/s for \(bitrate)")
    }

    @Test("bitrates outside 12–64 kb/s are refused")
    func bitrateRange() {
        #expect(throws: AudioSettingsError.bitrateOutOfRange(6_000)) { try OpusEncoderSettings(bitrate: 6_000) }
        #expect(throws: AudioSettingsError.bitrateOutOfRange(128_000)) { try OpusEncoderSettings(bitrate: 128_000) }
    }
}

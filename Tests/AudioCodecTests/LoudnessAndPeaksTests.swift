import AudioCodec
import Foundation
import Testing
import TestSupport

@Suite("Loudness, true peak and waveform peaks")
struct LoudnessAndPeaksTests {
    static func measure(_ samples: [Float]) -> LoudnessMeter {
        let meter = LoudnessMeter()
        samples.withUnsafeBufferPointer { meter.process($0) }
        return meter
    }

    @Test("a 1 kHz sine measures as BS.1770 says and as ffmpeg measures", arguments: [1.0, 0.5, 0.1, 0.01])
    func sine(_ amplitude: Float) throws {
        let signal = Signals.sine(frequency: 1_000, sampleRate: 48_000, seconds: 3, amplitude: amplitude)
        let meter = Self.measure(signal)
        let theory = -3.01 + 20 * log10(Double(amplitude))
        let ours = try #require(meter.integratedLoudness)
        #expect(abs(ours - theory) < 0.1, "\(ours) vs \(theory)")
        let reference = try ExternalTool.ffmpegLoudness(TestWAV.make(signal, sampleRate: 48_000, encoding: .float, bits: 32))
        #expect(abs(ours - reference.integrated) < 0.2, "\(ours) vs ffmpeg \(reference.integrated)")
        #expect(abs(meter.truePeak - reference.truePeak) < 0.3, "\(meter.truePeak) vs ffmpeg \(reference.truePeak)")
    }

    @Test("speech measures as ffmpeg measures it; silence and short audio have no loudness")
    func speech() throws {
        let wav = try ExternalTool.speechWAV()
        let directory = try ExternalTool.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appendingPathComponent("in.wav"), output = directory.appendingPathComponent("48k.wav")
        try Data(wav).write(to: input)
        try ExternalTool.run("sox", [input.path, "-r", "48000", "-b", "32", "-e", "float", output.path])
        let speech48 = [UInt8](try Data(contentsOf: output))
        let meter = Self.measure(try AudioDecoding.wav(speech48).samples)
        let reference = try ExternalTool.ffmpegLoudness(speech48)
        #expect(abs(try #require(meter.integratedLoudness) - reference.integrated) < 0.3)
        #expect(abs(meter.truePeak - reference.truePeak) < 0.5)
        #expect(Self.measure([Float](repeating: 0, count: 96_000)).integratedLoudness == nil)
        #expect(Self.measure(Signals.sine(frequency: 500, sampleRate: 48_000, seconds: 0.3)).integratedLoudness == nil)
    }

    @Test("normalisation aims at the target and never past the true-peak ceiling")
    func normalisation() {
        #expect(LoudnessNormalization.gain(integrated: -30, truePeak: -20, target: -18) == 12)
        #expect(LoudnessNormalization.gain(integrated: -30, truePeak: -6, target: -18) == 5)
        #expect(LoudnessNormalization.gain(integrated: -10, truePeak: -0.5, target: -18) == -8)
        #expect(LoudnessNormalization.gain(integrated: nil, truePeak: -10) == 0)
        #expect(LoudnessNormalization.q78(-2.5) == -640)
    }

    @Test("the OpusHead gain is rewritten in place; decoders apply it")
    func outputGain() throws {
        let signal = Signals.sine(frequency: 440, sampleRate: 48_000, seconds: 1, amplitude: 0.1)
        let (ogg, _) = try AudioDecoding.encode(TestWAV.make(signal, sampleRate: 48_000), settings: OpusEncoderSettings())
        let firstLength = try #require(OpusHeadPage.firstPageLength(ogg))
        let page = try OpusHeadPage.withOutputGain(LoudnessNormalization.q78(6), page: Array(ogg.prefix(firstLength)))
        #expect(page.count == firstLength)
        let louder = page + ogg.dropFirst(firstLength)
        let quiet = try AudioDecoding.oggOpus(ogg).samples, loud = try AudioDecoding.oggOpus(louder)
        #expect(loud.head.outputGain == 1_536)
        let ratio = (loud.samples.map { Double($0 * $0) }.reduce(0, +) / quiet.map { Double($0 * $0) }.reduce(0, +)).squareRoot()
        #expect(abs(20 * log10(ratio) - 6) < 0.05, "\(20 * log10(ratio)) dB")
        let directory = try ExternalTool.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("gain.opus")
        try Data(louder).write(to: file)
        let info = try ExternalTool.run("opusinfo", [file.path])
        #expect(info.stdout.contains("Playback gain: 6 dB") && !(info.stdout + info.stderr).contains("WARNING"), "\(info.stdout)")
    }

    @Test("peaks are min/max per 480 samples, rescale by whole pixels, and survive the binary format")
    func peaks() throws {
        let signal = Signals.sweep(from: 50, to: 5_000, sampleRate: 48_000, seconds: 2.345)
        let builder = WaveformPeaksBuilder()
        signal.withUnsafeBufferPointer { builder.process($0) }
        let peaks = builder.finish()
        #expect(peaks.samplesPerPixel == 480 && peaks.length == (signal.count + 479) / 480)
        for pixel in [0, 1, 17, peaks.length - 1] {
            let window = signal[(pixel * 480)..<min(signal.count, (pixel + 1) * 480)]
            #expect(abs(Int(peaks.data[2 * pixel]) - Int((Double(window.min()!) * 32_767).rounded())) <= 1)
            #expect(abs(Int(peaks.data[2 * pixel + 1]) - Int((Double(window.max()!) * 32_767).rounded())) <= 1)
        }
        let coarse = peaks.rescaled(samplesPerPixel: 4_800, totalSamples: signal.count)
        #expect(coarse.length == (signal.count + 4_799) / 4_800)
        let window = signal[4_800..<9_600]
        #expect(abs(Int(coarse.data[3]) - Int((Double(window.max()!) * 32_767).rounded())) <= 1)
        #expect(try WaveformPeaks(binary: peaks.binary(bits: 16)) == peaks)
        let eight = try WaveformPeaks(binary: peaks.binary(bits: 8))
        #expect(eight.values(bits: 8) == peaks.values(bits: 8))
        #expect(throws: WaveformPeaksError.invalid) { _ = try WaveformPeaks(binary: Array(peaks.binary(bits: 16).dropLast())) }
        let halved = WaveformPeaksBuilder()
        signal.withUnsafeBufferPointer { halved.process($0) }
        #expect(abs(Int(halved.finish(gain: 0.5).data[3]) - Int(peaks.data[3]) / 2) <= 1)
    }
}

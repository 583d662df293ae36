import Foundation
import Testing
@testable import Alignment

/// Vocal tract length normalisation: the synthetic voice heard through a filterbank scaled to the
/// speaker's formants, the scale chosen by the warping cost.
@Suite("Formant scale")
struct FormantScaleTests {
    static func tone(_ hz: Double, rate: Int, seconds: Double = 0.5) -> [Float] {
        (0..<Int(Double(rate) * seconds)).map { Float(0.3 * sin(2 * Double.pi * hz * Double($0) / Double(rate))) }
    }

    static func distance(_ a: FeatureMatrix, _ b: FeatureMatrix) -> Float {
        // A frame in the middle, past the edges' zero padding.
        let frame = a.count / 2
        return (0..<a.dimension).reduce(0) { $0 + pow(a[frame, $1] - b[frame, $1], 2) }.squareRoot()
    }

    @Test("A filterbank scaled by 1.2 hears a 1000 Hz tone as the unscaled one hears a 1200 Hz tone")
    func scaledFilterbank() {
        let rate = 22_050
        let extractor = MFCCExtractor(sampleRate: rate, lowHz: 100, highHz: 7_000, frequencyScales: [1, 1.2])
        let low = extractor.featureSets(of: Self.tone(1_000, rate: rate))
        let high = extractor.featureSets(of: Self.tone(1_200, rate: rate))
        #expect(low.count == 2 && high.count == 2)
        // The first set is what `features(of:)` gives.
        #expect(extractor.features(of: Self.tone(1_000, rate: rate)).values == low[0].values)
        let matched = Self.distance(low[1], high[0])
        let unmatched = Self.distance(low[1], low[0])
        #expect(matched * 4 < unmatched, "matched \(matched), unmatched \(unmatched)")
        #expect(Self.distance(low[1], high[1]) > matched * 4)
    }

    @Test("The scales tried: 1 first, then upwards to the maximum; none when off")
    func scalesTried() {
        var settings = SynthesisDTWAligner.Settings()
        #expect(settings.formantScales.first == 1)
        #expect(settings.formantScales.count == settings.formantScaleSteps + 1)
        #expect(abs((settings.formantScales.last ?? 0) - settings.formantScaleMax) < 1e-9)
        #expect(zip(settings.formantScales, settings.formantScales.dropFirst()).allSatisfy { $0 < $1 })
        settings.formantScalesBelow = true
        #expect(settings.formantScales.count == 2 * settings.formantScaleSteps + 1)
        #expect(settings.formantScales.contains { $0 < 1 })
        settings.formantScaleSteps = 0
        #expect(settings.formantScales == [1])
    }

    /// eSpeak NG's speech played 1.25 times faster: every formant 1.25 times higher (and the pace
    /// too), as a shorter vocal tract would speak.
    @Test("Speech with formants 1.25 times higher is heard so, and aligned as well as the voice as it is")
    func raisedFormants() throws {
        let pieces = try AlignerTests.englishPhrases.map { try AlignerTests.spoken($0, voice: "en-us", speed: 150) }
        let phrases = AlignerTests.englishPhrases.map { $0.split(separator: " ").map(String.init) }
        for (raise, expected) in [(1.0, 1.0...1.05), (1.25, 1.14...1.35)] {
            let rate = Int((Double(pieces[0].rate) * raise).rounded())
            let (samples, truth) = AlignerTests.joined(pieces.map(\.samples), rate: rate, silencesMs: [350, 600, 250])
            let result = try SynthesisDTWAligner().align(AlignmentInput(samples: samples, sampleRate: rate, phrases: phrases, language: "en-US"))
            #expect(expected.contains(result.formantScale), "raised \(raise): heard \(result.formantScale)")
            for (phrase, edges) in zip(result.phrases, truth) {
                #expect(abs(Double(phrase.startMs) - edges.start) <= 50, "raised \(raise): start \(phrase.startMs) vs \(edges.start)")
                #expect(abs(Double(phrase.endMs) - edges.end) <= 50, "raised \(raise): end \(phrase.endMs) vs \(edges.end)")
            }
        }
        // Off, the same raised speech is taken as it is.
        var settings = SynthesisDTWAligner.Settings()
        settings.formantScaleSteps = 0
        let rate = Int((Double(pieces[0].rate) * 1.25).rounded())
        let (samples, _) = AlignerTests.joined(pieces.map(\.samples), rate: rate, silencesMs: [350, 600, 250])
        let off = try SynthesisDTWAligner(settings: settings).align(AlignmentInput(samples: samples, sampleRate: rate, phrases: phrases, language: "en-US"))
        #expect(off.formantScale == 1)
    }
}

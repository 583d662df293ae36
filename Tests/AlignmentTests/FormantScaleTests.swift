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
        let low = Self.tone(1_000, rate: rate), high = Self.tone(1_200, rate: rate)
        let lowScaled = extractor.scaledFeatureSets(of: low), highScaled = extractor.scaledFeatureSets(of: high)
        #expect(lowScaled.count == 1 && highScaled.count == 1)
        let matched = Self.distance(lowScaled[0], extractor.features(of: high))
        let unmatched = Self.distance(lowScaled[0], extractor.features(of: low))
        #expect(matched * 4 < unmatched, "matched \(matched), unmatched \(unmatched)")
        #expect(Self.distance(lowScaled[0], highScaled[0]) > matched * 4)
    }

    @Test("The scaled sets are, value for value, what an extractor of that scale alone gives")
    func scaledSetsExact() {
        let rate = 8_000
        // A tone, then a quieter one, then digital silence: the log's floor matters.
        let samples = Self.tone(440, rate: rate, seconds: 0.3) + Self.tone(2_000, rate: rate, seconds: 0.3).map { $0 * 0.01 }
            + [Float](repeating: 0, count: rate / 5)
        let scales = [1, 1.1, 1.35]
        let sets = MFCCExtractor(sampleRate: rate, lowHz: 100, highHz: 3_800, frequencyScales: scales).scaledFeatureSets(of: samples)
        #expect(sets.count == 2)
        for (scale, set) in zip(scales.dropFirst(), sets) {
            let alone = MFCCExtractor(sampleRate: rate, lowHz: 100, highHz: 3_800, frequencyScales: [scale]).features(of: samples)
            #expect(set.values == alone.values, "scale \(scale)")
            #expect(set.energyDB == alone.energyDB)
            #expect(set.values.allSatisfy { $0.isFinite })
        }
    }

    @Test("A path's mean cost: 0 for a signal against itself, the mean distance per cell otherwise")
    func meanCost() {
        let a = FeatureMatrix(count: 3, dimension: 1, values: [0, 1, 2], energyDB: [0, 0, 0])
        let same = BandedDTW.align(a, a, windows: [0..<3, 0..<3, 0..<3])
        #expect(same.meanCost == 0)
        // Every row against one column of value 0: cells 0, 1, 2, so a mean of 1.
        let b = FeatureMatrix(count: 1, dimension: 1, values: [0], energyDB: [0])
        let flat = BandedDTW.align(a, b, windows: [0..<1, 0..<1, 0..<1])
        #expect(flat.meanCost == 1)
    }

    @Test("The scales tried: 1 first, then upwards to the maximum; none when off")
    func scalesTried() {
        var settings = SynthesisDTWAligner.Settings()
        #expect(settings.formantScales.first == 1)
        #expect(settings.formantScales.count == settings.formantScaleSteps + 1)
        #expect(abs((settings.formantScales.last ?? 0) - settings.formantScaleMax) < 1e-9)
        #expect(zip(settings.formantScales, settings.formantScales.dropFirst()).allSatisfy { $0 < $1 })
        settings.formantScalesBelow = true
        let both = settings.formantScales
        #expect(both.count == 2 * settings.formantScaleSteps + 1)
        #expect(both.first == 1 && Set(both).count == both.count)
        // Below 1, the reciprocals of the scales above.
        #expect(both.filter { $0 < 1 }.count == settings.formantScaleSteps)
        #expect(both.filter { $0 < 1 }.allSatisfy { low in both.contains { abs($0 * low - 1) < 1e-9 } })
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
    }
}

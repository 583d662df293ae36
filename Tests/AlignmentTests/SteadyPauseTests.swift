import Testing
@testable import Alignment

/// Pauses of steady noise, found whatever the floor around them: a take noisier than its
/// neighbours.
@Suite("Steady pauses")
struct SteadyPauseTests {
    /// Syllables: 20 frames rising and falling between −45 and −20 dB.
    static let syllable: [Float] = (0..<20).map { -20 - 25 * abs(Float($0) - 9.5) / 9.5 }

    @Test("A gap of hiss louder than the quiet gaps around it is a steady pause; speech, a decaying tail and a short or loud steady run are not")
    func steadyRuns() {
        // Quiet gap, syllable, a 300 ms gap of hiss 25 dB over the quiet gaps, syllable, a tail
        // decaying 2 dB a frame, 100 ms of hiss (too short), syllable, 200 ms steady at −30 dB
        // (a held vowel: too loud), syllable, quiet gap.
        let quiet = [Float](repeating: -83, count: 30)
        let hiss = (0..<30).map { -58 + ($0 % 2 == 0 ? 0.8 : -0.8) as Float }
        let tail = (0..<20).map { -40 - 2 * Float($0) }
        let short = [Float](repeating: -58, count: 10)
        let held = [Float](repeating: -30, count: 20)
        let energies = quiet + Self.syllable + hiss + Self.syllable + tail + short + Self.syllable + held + Self.syllable + quiet
        let activity = SpeechActivity(energyDB: energies)
        let runs = activity.steadyPauses(minimumFrames: 15, toleranceDB: 3, belowSpeechDB: 25)
        let hissStart = quiet.count + Self.syllable.count
        #expect(runs == [0..<30, hissStart..<(hissStart + 30), (energies.count - 30)..<energies.count])
        // Against the quiet gaps' floor, the hiss is no pause: the steady run adds it.
        #expect(!activity.pauses(minimumFrames: 2).contains { $0.overlaps(hissStart..<(hissStart + 30)) })
        // Nothing here lies 80 dB under the speech: no steady run then.
        #expect(activity.steadyPauses(minimumFrames: 15, toleranceDB: 3, belowSpeechDB: 80).isEmpty)
    }

    @Test("The junctions may take the hiss as a pause with steady pauses on, and not with them off")
    func junctionsTakeSteadyRuns() {
        let quiet = [Float](repeating: -83, count: 30)
        let hiss = (0..<30).map { -58 + ($0 % 2 == 0 ? 0.8 : -0.8) as Float }
        let energies = quiet + Self.syllable + hiss + Self.syllable + quiet
        let hissRange = (quiet.count + Self.syllable.count)..<(quiet.count + Self.syllable.count + 30)
        var off = SynthesisDTWAligner.Settings()
        off.steadyPauseMs = 0
        let without = AlignerTests.pauseMapper(energies, settings: off).junctionPauses(synthetic: [])
        let with = AlignerTests.pauseMapper(energies).junctionPauses(synthetic: [])
        #expect(!without.contains { $0.overlaps(hissRange) }, "\(without)")
        #expect(with.contains { $0.lowerBound <= hissRange.lowerBound && $0.upperBound >= hissRange.upperBound }, "\(with)")
        #expect(with.filter { !$0.overlaps(hissRange) } == without)
    }

    @Test("Pauses and steady runs merge where they overlap or touch, in order")
    func merging() {
        #expect(SpeechActivity.merged([0..<5, 20..<25, 40..<42], [3..<8, 25..<30, 10..<12])
                == [0..<8, 10..<12, 20..<30, 40..<42])
        #expect(SpeechActivity.merged([], [4..<6]) == [4..<6])
    }
}

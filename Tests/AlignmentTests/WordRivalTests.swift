import Testing
@testable import Alignment

/// A phrase junction placed with the word junctions as rivals for the recording's pauses
/// (``SynthesisDTWAligner/Settings/wordRivalWeight``).
@Suite("Word junctions as rivals of the phrase junctions")
struct WordRivalTests {
    /// Speech at −20 dB between 100 ms of silence (−80 dB) at either end, with a shallow 30 ms
    /// pause (−70 dB, half as deep as it could be) where the path put the phrase junction, and a deep pause (−80 dB) 200 ms
    /// later, where the path put the junction between the next phrase's first two words (the
    /// phrases run into each other; the deep pause is between two words). `deepFrames`: the deep
    /// pause's length.
    static func energies(deepFrames: Int) -> [Float] {
        let silence = [Float](repeating: -80, count: 10)
        return silence + [Float](repeating: -20, count: 40) + [Float](repeating: -70, count: 3) + [Float](repeating: -20, count: 17)
            + [Float](repeating: -80, count: deepFrames) + [Float](repeating: -20, count: 40) + silence
    }

    func phraseJunction(deepFrames: Int = 6, weight: Double) -> Double? {
        var settings = SynthesisDTWAligner.Settings()
        settings.wordRivalWeight = weight
        let mapper = AlignerTests.pauseMapper(Self.energies(deepFrames: deepFrames), settings: settings)
        let pauses = mapper.recordingActivity.pauses(minimumFrames: 2)
        let rivals = weight > 0 ? BoundaryMapper.Rivals(positions: [(end: 70, start: Double(70 + deepFrames))], reachBefore: 15, reachAfter: 30,
                                                        weight: weight, longestPause: 15) : nil
        return mapper.resolveJunctions(ends: [48], starts: [50], pauses: pauses, reachBefore: 20, reachAfter: 40, margin: 2,
                                       rivals: rivals).first?.start
    }

    @Test("The pause where the path put a word junction stays the word's: the phrase junction keeps its own shallow pause")
    func wordKeepsItsPause() {
        let pauses = AlignerTests.pauseMapper(Self.energies(deepFrames: 6)).recordingActivity.pauses(minimumFrames: 2)
        #expect(pauses == [0..<10, 50..<53, 70..<76, 116..<126])
        // Blind to the words, the phrase junction takes the deep pause 200 ms off (its next
        // phrase then starts a margin before the onset at frame 66).
        #expect(phraseJunction(weight: 0) == 74)
        // With the word junction weighed, at half or at full weight, each keeps its own.
        #expect(phraseJunction(weight: 0.5) == 51)
        #expect(phraseJunction(weight: 1) == 51)
        // A word junction's claim worth a tenth of a phrase junction's does not hold it.
        #expect(phraseJunction(weight: 0.1) == 74)
    }

    @Test("A pause long enough to end a phrase is left to the phrase junction")
    func longPauseStaysThePhrases() {
        // 160 ms: the rival may not claim it.
        #expect(phraseJunction(deepFrames: 16, weight: 0.5) == 84)
    }
}

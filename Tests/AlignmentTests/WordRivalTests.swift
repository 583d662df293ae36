import Testing
@testable import Alignment

/// A phrase junction placed with the word junctions as rivals for the recording's pauses
/// (``SynthesisDTWAligner/Settings/wordRivalWeight``).
@Suite("Word junctions as rivals of the phrase junctions")
struct WordRivalTests {
    /// Speech at −20 dB between 100 ms of silence (−80 dB) at either end, with a shallow 30 ms
    /// pause (−70 dB, half as deep as it could be) where the path put the phrase junction, and a
    /// deep pause (−80 dB) 200 ms later, where the path put the junction between the next
    /// phrase's first two words (the phrases run into each other; the deep pause is between two
    /// words). `deepFrames`: the deep pause's length.
    static func energies(deepFrames: Int) -> [Float] {
        let silence = [Float](repeating: -80, count: 10)
        return silence + [Float](repeating: -20, count: 40) + [Float](repeating: -70, count: 3) + [Float](repeating: -20, count: 17)
            + [Float](repeating: -80, count: deepFrames) + [Float](repeating: -20, count: 40) + silence
    }

    /// The phrase junction's start, the path having put it at frames 48–50 and the word junction
    /// at the deep pause; nil rivals when `weight` is 0.
    func phraseJunction(deepFrames: Int = 6, weight: Double) -> [Double] {
        let mapper = AlignerTests.pauseMapper(Self.energies(deepFrames: deepFrames))
        let pauses = mapper.recordingActivity.pauses(minimumFrames: 2)
        let rivals = weight > 0 ? BoundaryMapper.Rivals(positions: [(end: 70, start: Double(70 + deepFrames))], reachBefore: 15, reachAfter: 30,
                                                        weight: weight, longestPause: 15) : nil
        return mapper.resolveJunctions(ends: [48], starts: [50], pauses: pauses, reachBefore: 20, reachAfter: 40, margin: 2,
                                       rivals: rivals).map(\.start)
    }

    @Test("The pause where the path put a word junction stays the word's: the phrase junction keeps its own shallow pause")
    func wordKeepsItsPause() {
        let pauses = AlignerTests.pauseMapper(Self.energies(deepFrames: 6)).recordingActivity.pauses(minimumFrames: 2)
        #expect(pauses == [0..<10, 50..<53, 70..<76, 116..<126])
        // Blind to the words, the phrase junction takes the deep pause 200 ms off (its next
        // phrase then starts a margin before the onset at frame 76).
        #expect(phraseJunction(weight: 0) == [74])
        // With the word junction weighed, at half or at full weight, each keeps its own; the
        // rival itself is not among the results.
        #expect(phraseJunction(weight: 0.5) == [51])
        #expect(phraseJunction(weight: 1) == [51])
        // A word junction's claim worth a tenth of a phrase junction's does not hold it.
        #expect(phraseJunction(weight: 0.1) == [74])
    }

    @Test("A pause long enough to end a phrase (150 ms, exactly the limit) is left to the phrase junction")
    func longPauseStaysThePhrases() {
        // Without the limit the rival would keep it: 1 + 0.5 × log₂ 16 = 3 against 0.71 × 4.
        #expect(phraseJunction(deepFrames: 15, weight: 0.5) == [83])
        #expect(phraseJunction(deepFrames: 14, weight: 0.5) == [51])
    }

    /// Two phrase junctions with a rival between them: the first reaches a 300 ms pause 800 ms
    /// after it (a long pause may lie further off), the second, just after the rival, reaches it
    /// too, 300 ms before it; the rival reaches no pause. The pause goes to one junction only,
    /// the nearer: were the junctions placed in groups cut where the rival's reach begins, the
    /// second would reach back into the first's group and both would take it.
    @Test("Rivals between junctions: results in order, one per junction, a pause given once")
    func rivalBetweenJunctions() {
        let energies = [Float](repeating: -80, count: 10) + [Float](repeating: -20, count: 110) + [Float](repeating: -80, count: 30)
            + [Float](repeating: -20, count: 100) + [Float](repeating: -80, count: 10)
        let mapper = AlignerTests.pauseMapper(energies)
        let pauses = mapper.recordingActivity.pauses(minimumFrames: 2)
        #expect(pauses == [0..<10, 120..<150, 250..<260])
        let rivals = BoundaryMapper.Rivals(positions: [(end: 181, start: 181)], reachBefore: 15, reachAfter: 30, weight: 0.5, longestPause: 15)
        let junctions = mapper.resolveJunctions(ends: [40, 182], starts: [42, 184], pauses: pauses, reachBefore: 20, reachAfter: 40,
                                                margin: 2, rivals: rivals)
        // The first at the path's point (no pause or dip of its own), the second a margin before
        // the pause's onset.
        #expect(junctions.map(\.start) == [42, 148])
    }

    @Test("The rivals are the junctions between the spoken words of each phrase, none across phrases or at a word with nothing to say")
    func rivalsFromPhrases() {
        // (The test mapper's path has one synthetic column: where it puts them says nothing here,
        // only how many there are.)
        let mapper = AlignerTests.pauseMapper([Float](repeating: -20, count: 100))
        let phrases = [["un", "...", "deux"], ["trois"], ["quatre", "cinq"]]
        let spans: [(phrase: BoundaryMapper.Span, words: [BoundaryMapper.Span])] = [
            (.init(start: 0, end: 30), [.init(start: 0, end: 10), .init(start: 10, end: 10), .init(start: 12, end: 30)]),
            (.init(start: 40, end: 55), [.init(start: 40, end: 55)]),
            (.init(start: 60, end: 90), [.init(start: 60, end: 72), .init(start: 75, end: 90)]),
        ]
        let rivals = mapper.wordRivals(phrases, synthetic: spans)
        #expect(rivals?.positions.count == 2)
        #expect(rivals?.longestPause == 15)
        #expect(rivals?.weight == 0.5)
        var off = SynthesisDTWAligner.Settings()
        off.wordRivalWeight = 0
        #expect(AlignerTests.pauseMapper([Float](repeating: -20, count: 100), settings: off).wordRivals(phrases, synthetic: spans) == nil)
    }
}

import Testing
@testable import Alignment

/// Two words of a list said item by item sharing an island of speech (the gap between them too
/// short to be a pause): their junction stays where the recording put it
/// (``SynthesisDTWAligner/Settings/countedKeepsInsideJunction``).
@Suite("Counted islands: a junction inside an island")
struct CountedIslandsInsideTests {
    /// Six syllables of 100 ms with 40 ms pauses, the third pause filled with speech: the third
    /// and fourth syllables share the island from frame 28 to 52. The junctions as the path and
    /// the local rules left them slipped at the start (the first syllable squeezed to 50 ms, the
    /// second stretched over 300 ms), which the islands undo, and put the third one at a dip at
    /// frame 44, inside the shared island.
    func counted(keepsInside: Bool, support: Double = 0.7) -> [Double] {
        var settings = SynthesisDTWAligner.Settings()
        settings.countedKeepsInsideJunction = keepsInside
        var energies = [Float]()
        for k in 0..<6 { energies += [Float](repeating: -20, count: 10) + (k < 5 ? [Float](repeating: -80, count: 4) : []) }
        for frame in 38..<42 { energies[frame] = -20 }
        let mapper = AlignerTests.pauseMapper(energies, settings: settings)
        let pauses = mapper.recordingActivity.pauses(minimumFrames: 2)
        func at(_ pause: Int) -> BoundaryMapper.Junction { .init(end: Double(14 * pause + 10), start: Double(14 * pause + 14), support: 0.8) }
        let current = [BoundaryMapper.Junction(end: 5, start: 5, support: 0.45), at(0), .init(end: 44, start: 44, support: support), at(3), at(4)]
        return mapper.countedIfSteadier(current, from: 0, to: Double(mapper.recordingFrames), syntheticLengths: [Double](repeating: 10, count: 6),
                                        phraseFinal: [false, false, false, false, false, true], pauses: pauses, margin: 2).map(\.start)
    }

    @Test("The islands undo the slip; the junction inside the shared island stays at its dip")
    func insideJunctionStays() {
        #expect(counted(keepsInside: true) == [12, 26, 44, 54, 68])
        // Off, the island is split where the two words' expected lengths say (its middle).
        #expect(counted(keepsInside: false) == [12, 26, 40, 54, 68])
        // A junction with neither pause nor dip (the path's point alone) is no better than the lengths.
        #expect(counted(keepsInside: true, support: 0.45) == [12, 26, 40, 54, 68])
    }
}

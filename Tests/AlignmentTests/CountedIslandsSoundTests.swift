import Foundation
import Testing
@testable import Alignment

/// A list said item by item whose second word holds a pause of its own (a closure, a hesitation):
/// by their lengths alone, the words slip by one from there on (the second word split in two,
/// the last word over the last two islands), which costs less than leaving a long pause inside a
/// word; what each word sounds like on the island it is given puts them right
/// (``SynthesisDTWAligner/Settings/islandSoundWeight``).
@Suite("Counted islands: the words' sound")
struct CountedIslandsSoundTests {
    /// Two coefficients per frame: word k sounds as a point on a circle of radius 3 at angle k,
    /// a pause as the origin.
    static func sound(of word: Int?) -> [Float] {
        guard let word else { return [0, 0] }
        let angle = Float(word) * 2 * .pi / 6
        return [3 * cos(angle), 3 * sin(angle)]
    }

    /// Frames: word 0 at 0..<10, pause, word 1 at 14..<24 and 30..<40 (a pause of its own between,
    /// 60 ms, its halves each as long as a word), pause, then words 2 to 5 of 10 frames each with
    /// 4 frames of pause between.
    static let layout: [Int?] = {
        var frames = [Int?](repeating: 0, count: 10) + [Int?](repeating: nil, count: 4)
        frames += [Int?](repeating: 1, count: 10) + [Int?](repeating: nil, count: 6) + [Int?](repeating: 1, count: 10)
        for word in 2..<6 { frames += [Int?](repeating: nil, count: 4) + [Int?](repeating: word, count: 10) }
        return frames
    }()

    /// Where each word after the first starts, as the counted islands place them.
    func counted(soundWeight: Double) -> [Double]? {
        var settings = SynthesisDTWAligner.Settings()
        settings.islandSoundWeight = soundWeight
        var mapper = AlignerTests.pauseMapper(Self.layout.map { $0 == nil ? -80 : -20 }, settings: settings)
        let recording = FeatureMatrix(count: Self.layout.count, dimension: 2, values: Self.layout.flatMap(Self.sound),
                                      energyDB: Self.layout.map { $0 == nil ? -80 : -20 })
        // The synthetic words: 10 frames each, one after another.
        let synthetic = FeatureMatrix(count: 60, dimension: 2, values: (0..<60).flatMap { Self.sound(of: $0 / 10) },
                                      energyDB: [Float](repeating: -20, count: 60))
        mapper.acoustics = WordAcoustics(recording: recording, synthetic: synthetic,
                                         columns: SyntheticColumns(count: 60, insertions: [], pauseLength: 0))
        let pauses = mapper.recordingActivity.pauses(minimumFrames: 2)
        let current = (1..<6).map { BoundaryMapper.Junction(end: Double(10 * $0), start: Double(10 * $0), support: 0.45) }
        let spans = (0..<6).map { BoundaryMapper.Span(start: 10 * $0, end: 10 * $0 + 10) }
        return mapper.countedIslands(current, from: 0, to: Double(Self.layout.count), syntheticLengths: [Double](repeating: 10, count: 6),
                                     phraseFinal: [false, false, false, false, false, true], pauses: pauses, margin: 0,
                                     syntheticSpans: spans)?.junctions.map(\.start)
    }

    @Test("By their lengths alone the words slip by one after the pause inside a word; by their sound they do not")
    func soundUndoesTheSlip() {
        // Each word where it is said: the second keeps its own pause (24..<30).
        #expect(counted(soundWeight: 2) == [14, 44, 58, 72, 86])
        // Lengths alone: the second word's second half is taken for the third word, and the last
        // word spans the last two islands.
        #expect(counted(soundWeight: 0) == [14, 30, 44, 58, 72])
    }

    @Test("A word sounds closer to its own island than to its neighbour's")
    func wordSoundsLikeItsIsland() throws {
        let recording = FeatureMatrix(count: Self.layout.count, dimension: 2, values: Self.layout.flatMap(Self.sound),
                                      energyDB: Self.layout.map { $0 == nil ? -80 : -20 })
        let synthetic = FeatureMatrix(count: 60, dimension: 2, values: (0..<60).flatMap { Self.sound(of: $0 / 10) },
                                      energyDB: [Float](repeating: -20, count: 60))
        let acoustics = WordAcoustics(recording: recording, synthetic: synthetic, columns: SyntheticColumns(count: 60, insertions: [], pauseLength: 0))
        // Word 3 (synthetic 30..<40) on its island (58..<68), then on word 4's (72..<82) and word 2's (44..<54).
        let own = try #require(acoustics.costs(synthetic: [30..<40], islands: [58..<68])[0])
        let next = try #require(acoustics.costs(synthetic: [30..<40], islands: [72..<82])[0])
        let before = try #require(acoustics.costs(synthetic: [30..<40], islands: [44..<54])[0])
        #expect(own < 0.01)
        #expect(next > 1 && before > 1)
        // One warping, several ends: the same as each end on its own.
        let both = acoustics.costs(synthetic: [30..<40], islands: [58..<68, 72..<82])
        #expect(both[0] == own)
        #expect(try #require(both[1]) > own)
        // Two words over two islands: the pause between them is not heard, so words 3 and 4 match
        // their islands as closely as each alone.
        #expect(try #require(acoustics.costs(synthetic: [30..<50], islands: [58..<68, 72..<82])[1]) < 0.01)
        // Islands that overlap (an onset before the last decay's end) or are empty: each frame
        // once; an empty island after others has the value up to the one before it.
        let overlapping = acoustics.costs(synthetic: [30..<40], islands: [58..<68, 60..<64, 66..<66, 72..<82])
        #expect(overlapping.count == 4 && overlapping[0] == own && overlapping[1] == own && overlapping[2] == own)
        #expect(try #require(overlapping[3]) > own)
        // Two words without the synthetic silence between them: with it (frames 40..<44 made
        // silent here), they would be heard against the recording's speech alone.
        let gapped = FeatureMatrix(count: 60, dimension: 2, values: (0..<60).flatMap { (40..<44).contains($0) ? Self.sound(of: nil) : Self.sound(of: $0 / 10) },
                                   energyDB: [Float](repeating: -20, count: 60))
        let withGap = WordAcoustics(recording: recording, synthetic: gapped, columns: SyntheticColumns(count: 60, insertions: [], pauseLength: 0))
        let joined = try #require(withGap.costs(synthetic: [30..<40, 44..<50], islands: [58..<68, 72..<78])[1])
        let through = try #require(withGap.costs(synthetic: [30..<50], islands: [58..<68, 72..<78])[1])
        #expect(joined < 0.01 && through > joined + 0.1)
        // Empty ranges at odd frames are empty too (not rounded up to a 20 ms cell of a neighbour).
        #expect(acoustics.costs(synthetic: [31..<31], islands: [59..<67])[0] == nil)
        #expect(acoustics.costs(synthetic: [31..<39], islands: [67..<67])[0] == nil)
        // Nothing to hear: nil.
        #expect(acoustics.costs(synthetic: [30..<30], islands: [58..<68])[0] == nil)
        #expect(acoustics.costs(synthetic: [30..<40], islands: [68..<68])[0] == nil)
    }
}

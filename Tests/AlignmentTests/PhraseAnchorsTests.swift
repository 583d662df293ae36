import Foundation
import Testing
@testable import Alignment

/// Phrases told with their natural pauses between them, warped a phrase off for a while: the
/// long pauses, counted by the phrases' lengths, hold the second warping
/// (``BoundaryMapper/phraseAnchors(_:phrases:speech:)``, ``SynthesisDTWAligner/Settings/phraseAnchors``).
@Suite("Phrase anchors")
struct PhraseAnchorsTests {
    /// Five phrases of 80, 30, 100, 60 and 90 frames. Synthetic: one after another with 10 frames
    /// of silence between; recording: the same lengths with 20 frames (200 ms) of pause between
    /// (80..<100, 130..<150, 250..<270, 330..<350), and 10 frames of silence at the end.
    static let lengths = [80, 30, 100, 60, 90]
    static let syntheticEnergies: [Float] = lengths.enumerated().flatMap { n, length in
        (n > 0 ? [Float](repeating: -80, count: 10) : []) + [Float](repeating: -20, count: length)
    }
    static let recordingEnergies: [Float] = lengths.enumerated().flatMap { n, length in
        (n > 0 ? [Float](repeating: -80, count: 20) : []) + [Float](repeating: -20, count: length)
    } + [Float](repeating: -80, count: 10)

    static func mapper() -> BoundaryMapper {
        let recording = SpeechActivity(energyDB: recordingEnergies)
        let path = BandedDTW.Path(columnsOfRow: recordingEnergies.indices.map { _ in 0...0 },
                                  rowsOfColumn: [0...(recordingEnergies.count - 1)], costOfColumn: [0])
        // One synthetic frame per sample, so that the phrase ranges below are frames.
        return BoundaryMapper(warp: WarpMap(path: path, synthetic: SyntheticColumns(count: 1, insertions: [], pauseLength: 0)),
                              recordingFrames: recordingEnergies.count, syntheticHop: 1,
                              syntheticActivity: SpeechActivity(energyDB: syntheticEnergies),
                              recordingActivity: recording, edgeActivity: recording,
                              recordingDurationMs: recordingEnergies.count * 10, settings: .init())
    }

    static let speech = SynthesizedSpeech(samples: [], sampleRate: 22_050,
                                          phraseRanges: [0..<85, 85..<125, 125..<235, 235..<305, 305..<400],
                                          wordStarts: [[0], [90], [130], [240], [310]], voice: "test")
    static let phrases = [["un"], ["deux"], ["trois"], ["quatre"], ["cinq"]]

    /// The phrases with their junctions at these frames (a junction's end and start, the next
    /// phrase's start and end following).
    static func aligned(_ junctions: [(end: Int, start: Int)]) -> [AlignedPhrase] {
        let starts = [0] + junctions.map(\.start), ends = junctions.map(\.end) + [440]
        return phrases.indices.map { p in
            AlignedPhrase(startMs: starts[p] * 10, endMs: ends[p] * 10, confidence: 0.5,
                          words: [AlignedWord(text: phrases[p][0], startMs: starts[p] * 10, endMs: ends[p] * 10, confidence: 0.5)])
        }
    }
    static let right = [(end: 82, start: 98), (end: 132, start: 148), (end: 252, start: 268), (end: 332, start: 348)]
    static let allAnchors: [BoundaryMapper.PhraseAnchor] = [.init(phrase: 0, pause: 80..<100, synthetic: 80..<90),
                                                            .init(phrase: 1, pause: 130..<150, synthetic: 120..<130),
                                                            .init(phrase: 2, pause: 250..<270, synthetic: 230..<240),
                                                            .init(phrase: 3, pause: 330..<350, synthetic: 300..<310)]

    @Test("A phrase junction on no pause, half a second from the pause the lengths count for it, anchors every counted junction")
    func slippedJunctionAnchors() throws {
        let mapper = Self.mapper()
        #expect(mapper.recordingActivity.pauses(minimumFrames: 15).filter { $0.upperBound < Self.recordingEnergies.count }
                == [80..<100, 130..<150, 250..<270, 330..<350])
        // The second junction slipped into the third phrase (frame 200: 50 frames past its pause,
        // beyond the 40 a junction reaches); the others sit in their pauses.
        var slipped = Self.right
        slipped[1] = (200, 200)
        let anchors = try #require(mapper.phraseAnchors(Self.aligned(slipped), phrases: Self.phrases, speech: Self.speech))
        #expect(anchors == Self.allAnchors)
        // What a second warping must improve on: three of the four held; all four when right.
        #expect(mapper.junctionsHeld(anchors, in: Self.aligned(slipped), phrases: Self.phrases) == 3)
        #expect(mapper.junctionsHeld(anchors, in: Self.aligned(Self.right), phrases: Self.phrases) == 4)
        // Every junction in its pause: nothing to hold.
        #expect(mapper.phraseAnchors(Self.aligned(Self.right), phrases: Self.phrases, speech: Self.speech) == nil)
        // Slipped, but within a junction's reach of its pause (frame 170, 20 past it): the
        // junction rules' business, not a second warping's.
        var near = Self.right
        near[1] = (170, 170)
        #expect(mapper.phraseAnchors(Self.aligned(near), phrases: Self.phrases, speech: Self.speech) == nil)
    }

    @Test("Where the count and the path differ over a run, the count is believed only if the path found no pause as often as a long one")
    func runsAreJudgedTogether() throws {
        let mapper = Self.mapper()
        // A path a phrase late from the second junction on: at no pause, at the next junction's
        // pause, at no pause. Two of three on no pause: the count is believed, every junction held.
        let late = [Self.right[0], (end: 200, start: 200), (end: 332, start: 348), (end: 400, start: 400)]
        #expect(try #require(mapper.phraseAnchors(Self.aligned(late), phrases: Self.phrases, speech: Self.speech)) == Self.allAnchors)
        // Two of three at other long pauses, one on no pause (70 frames past its pause): the
        // count is what disagrees with the pauses the path found; nothing is held.
        let shifted = [Self.right[0], (end: 252, start: 268), (end: 332, start: 348), (end: 420, start: 420)]
        #expect(mapper.phraseAnchors(Self.aligned(shifted), phrases: Self.phrases, speech: Self.speech) == nil)
    }

    @Test("An anchor holds the warping: the recording after its pause is matched to the synthetic speech after its columns")
    func anchorHoldsThePath() {
        // Two coefficients per frame: phrase k sounds as a point on a circle at angle k, a pause as the origin.
        func sound(_ phrase: Int?) -> [Float] {
            guard let phrase else { return [0, 0] }
            return [3 * cos(Float(phrase) * 2), 3 * sin(Float(phrase) * 2)]
        }
        // Synthetic: phrases 0, 1, 2 of 20 frames each. Recording: the same with 10 frames of pause after the first two.
        let syntheticLayout: [Int?] = (0..<60).map { $0 / 20 }
        let recordingLayout: [Int?] = (0..<80).map { row in row < 20 ? 0 : row < 30 ? nil : row < 50 ? 1 : row < 60 ? nil : 2 }
        let synthetic = FeatureMatrix(count: 60, dimension: 2, values: syntheticLayout.flatMap(sound), energyDB: [Float](repeating: -20, count: 60))
        let recording = FeatureMatrix(count: 80, dimension: 2, values: recordingLayout.flatMap(sound),
                                      energyDB: recordingLayout.map { $0 == nil ? -80 : -20 })
        var settings = SynthesisDTWAligner.Settings()
        settings.coarseFactor = 1
        let aligner = SynthesisDTWAligner(settings: settings)
        func path(_ anchors: [(pause: Range<Int>, columns: Range<Int>)]) -> BandedDTW.Path {
            aligner.coarsePath(recording, synthetic, coarseCosts: [Float](repeating: .infinity, count: 60),
                               recordingSpeech: 0..<80, syntheticSpeech: 0..<60, anchors: anchors)
        }
        // Free, the second phrase is matched to its own sound.
        #expect(path([]).columnsOfRow[40].lowerBound >= 20 && path([]).columnsOfRow[40].upperBound < 40)
        // Held with the first pause between the synthetic second and third phrases (columns 40..<40):
        // the recording after it goes to the third phrase, before it to the first two.
        let held = path([(pause: 20..<30, columns: 40..<40)])
        #expect((30..<80).allSatisfy { held.columnsOfRow[$0].lowerBound >= 40 })
        #expect((0..<20).allSatisfy { held.columnsOfRow[$0].upperBound < 40 })
        // Held with the second pause between the synthetic first and second phrases: the second
        // phrase's sound before it goes to the first phrase.
        let early = path([(pause: 50..<60, columns: 20..<20)])
        #expect((0..<50).allSatisfy { early.columnsOfRow[$0].upperBound < 20 })
        #expect((60..<80).allSatisfy { early.columnsOfRow[$0].lowerBound >= 20 })
    }
}

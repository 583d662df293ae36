import Foundation

/// How a stretch of the synthetic speech sounds against a stretch of the recording, on their own:
/// the mean local distance along the best warping of the two alone (symmetric dynamic time
/// warping: a diagonal step counts its distance twice, the others once, normalised by the two
/// lengths, so neither length is favoured), on a 20 ms grid.
///
/// The counted islands (``BoundaryMapper/countedIslands(_:from:to:syntheticLengths:phraseFinal:pauses:margin:syntheticSpans:)``)
/// give a list's words to the recording's islands by their lengths; where alike syllables are
/// about as long as each other, a slip by one word over many costs the lengths almost nothing.
/// What each word sounds like on the island it is given says which.
struct WordAcoustics {
    /// Frames averaged this many at a time: the words' sound, not their timing, is judged here,
    /// and the warping's cost falls with its square.
    static let factor = 2
    private let recording: PackedFrames
    private let recordingCount: Int
    /// The synthetic speech's own frames (no inserted pauses), as warped (formant scale included).
    private let synthetic: PackedFrames
    private let syntheticCount: Int

    /// `synthetic`: the synthetic features as warped, with `columns`' inserted pause frames.
    init(recording: FeatureMatrix, synthetic: FeatureMatrix, columns: SyntheticColumns) {
        let coarseRecording = recording.downsampled(by: Self.factor)
        self.recording = PackedFrames(coarseRecording)
        recordingCount = coarseRecording.count
        let own = columns.frames.indices.filter { !columns.inserted[$0] && $0 < synthetic.count }
        var values: [Float] = []
        values.reserveCapacity(own.count * synthetic.dimension)
        for column in own { values += synthetic.values[(column * synthetic.dimension)..<((column + 1) * synthetic.dimension)] }
        let spoken = FeatureMatrix(count: own.count, dimension: synthetic.dimension, values: values,
                                   energyDB: own.map { synthetic.energyDB[$0] }).downsampled(by: Self.factor)
        self.synthetic = PackedFrames(spoken)
        syntheticCount = spoken.count
    }

    /// The mean distance between the synthetic frames of `spans` (synthetic frame indices, in
    /// order: one word's, or two words' without eSpeak NG's silence between them) and the
    /// recording's `islands` of speech (frame ranges, in order) from the first to each of them:
    /// one warping serves them all, as they share their start. The pauses between the islands are
    /// left out: a pause inside a word is paid for by its length, and the word is heard on its
    /// speech. Per island, nil when there is nothing to hear up to its end (no synthetic frame, or
    /// no recorded one yet); an empty island after others has the value of the one before it.
    func costs(synthetic spans: [Range<Int>], islands: [Range<Int>]) -> [Double?] {
        // Each 20 ms cell once, in order, for non-empty ranges only (an empty range at an odd
        // frame would otherwise round to a whole cell).
        func cells(_ ranges: [Range<Int>], count: Int) -> (cells: [Int], ends: [Int]) {
            var cells: [Int] = [], ends: [Int] = []
            for range in ranges {
                if !range.isEmpty {
                    let lower = max(0, range.lowerBound / Self.factor, (cells.last ?? -1) + 1)
                    let upper = min(count, (range.upperBound + Self.factor - 1) / Self.factor)
                    if lower < upper { cells += lower..<upper }
                }
                ends.append(cells.count)
            }
            return (cells, ends)
        }
        let columns = cells(spans, count: syntheticCount).cells
        let (rows, ends) = cells(islands, count: recordingCount)
        guard !columns.isEmpty, !rows.isEmpty else { return islands.map { _ in nil } }
        // The cost of the last synthetic cell at each row: where a stretch ending there ends.
        var atRow = [Float](repeating: .infinity, count: rows.count)
        var previous = [Float](repeating: .infinity, count: columns.count), current = previous
        let width = recording.width
        recording.chunks.withUnsafeBufferPointer { a in
            synthetic.chunks.withUnsafeBufferPointer { b in
                for (i, row) in rows.enumerated() {
                    for (j, column) in columns.enumerated() {
                        let distance = PackedFrames.distance(a, row, b, column, width: width)
                        var best: Float
                        if i == 0 && j == 0 {
                            best = 2 * distance
                        } else {
                            best = .infinity
                            if i > 0 && j > 0 { best = previous[j - 1] + 2 * distance }
                            if i > 0 { best = min(best, previous[j] + distance) }
                            if j > 0 { best = min(best, current[j - 1] + distance) }
                        }
                        current[j] = best
                    }
                    atRow[i] = current[columns.count - 1]
                    swap(&previous, &current)
                }
            }
        }
        return ends.map { end in end > 0 ? Double(atRow[end - 1]) / Double(end + columns.count) : nil }
    }
}

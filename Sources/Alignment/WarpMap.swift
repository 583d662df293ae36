/// The columns of the synthetic side of the warping: its frames, plus optional pauses inserted
/// at word boundaries (see ``SynthesisDTWAligner``).
struct SyntheticColumns: Sendable {
    /// Per column: the synthetic frame it shows, and whether it is an inserted pause frame placed
    /// just before that frame.
    var frames: [Int]
    var inserted: [Bool]
    /// columnsBefore[s]: columns before synthetic frame boundary s, inserted frames at s excluded
    /// (where something ending at s ends); columnsAfter[s]: included (where something starting
    /// at s starts).
    var columnsBefore: [Int]
    var columnsAfter: [Int]

    /// All `count` frames, with `pauseLength` inserted frames before each frame in `insertions`.
    init(count: Int, insertions: Set<Int>, pauseLength: Int) {
        var frames: [Int] = [], inserted: [Bool] = []
        var before = [Int](repeating: 0, count: count + 1), after = [Int](repeating: 0, count: count + 1)
        for s in 0...count {
            before[s] = frames.count
            if insertions.contains(s), s > 0, s < count, pauseLength > 0 {
                frames.append(contentsOf: repeatElement(s, count: pauseLength))
                inserted.append(contentsOf: repeatElement(true, count: pauseLength))
            }
            after[s] = frames.count
            if s < count {
                frames.append(s)
                inserted.append(false)
            }
        }
        self.frames = frames
        self.inserted = inserted
        columnsBefore = before
        columnsAfter = after
    }

    var count: Int { frames.count }
}

/// The warping path between the recording (rows) and the synthetic speech (columns), read in
/// synthetic frames.
struct WarpMap: Sendable {
    let path: BandedDTW.Path
    let synthetic: SyntheticColumns

    /// The recording frame boundary matched to synthetic frame boundary `s` (between frames s − 1
    /// and s), for something that ends there (`ending`) or starts there.
    func recordingBoundary(forSynthetic s: Int, ending: Bool = false) -> Double {
        let clamped = max(0, min(synthetic.columnsBefore.count - 1, s))
        let c = ending ? synthetic.columnsBefore[clamped] : synthetic.columnsAfter[clamped]
        let columns = path.rowsOfColumn.count
        if c <= 0 { return Double(path.rowsOfColumn[0].lowerBound) }
        if c >= columns { return Double(path.rowsOfColumn[columns - 1].upperBound + 1) }
        // Between the last row matched to column c − 1 and the first matched to column c.
        return (Double(path.rowsOfColumn[c - 1].upperBound + 1) + Double(path.rowsOfColumn[c].lowerBound)) / 2
    }

    /// The path's mean local distance at synthetic frame `k`.
    func cost(ofSynthetic k: Int) -> Float {
        let columns = path.costOfColumn.count
        guard columns > 0 else { return 0 }
        let clamped = max(0, min(synthetic.columnsAfter.count - 1, k))
        return path.costOfColumn[max(0, min(columns - 1, synthetic.columnsAfter[clamped]))]
    }
}

/// Dynamic time warping restricted to a band of the cost matrix, so time and memory grow with
/// the length times the band's width instead of the product of the lengths.
///
/// Rows are the frames of one signal (the recording), columns those of the other (the synthetic
/// speech). Row `i` may only use columns `windows[i]`; the windows must start at column 0 on the
/// first row, end at the last column on the last row, and never move backwards (``fixWindows``
/// makes any list of windows so). Each cell of the path adds its local distance once, whichever
/// step reached it (diagonal, vertical or horizontal): a path pays per cell, so it prefers
/// diagonal steps to a vertical-horizontal detour, which keeps it steady through stretches where
/// the two voices resemble each other poorly. (Counting diagonal steps twice, the other usual
/// pattern, measured far worse here: eSpeak NG's speech is too unlike a human voice for the path
/// to be left that free.) Local distance: Euclidean. Optional columns (pauses in the synthetic
/// speech) cost at most their `stepOverCosts` when stepped over horizontally.
///
/// Memory: one cost row at a time, and one step (1 byte) per cell of the band.
enum BandedDTW {
    /// A monotonic path from (0, 0) to (rows − 1, columns − 1), as matched column ranges per row.
    struct Path: Sendable {
        /// Per row: the first and last column matched to it.
        var columnsOfRow: [ClosedRange<Int>]
        /// Per column: the first and last row matched to it.
        var rowsOfColumn: [ClosedRange<Int>]
        /// Per column: the mean local distance of the cells matched to it.
        var costOfColumn: [Float]
        /// The path's total cost over the number of its cells (a stepped-over optional column's
        /// cell counted at its step-over cost): how well the two signals matched. NaN when not
        /// measured.
        var meanCost: Float = .nan
    }

    /// The band `center(row) ± halfWidth` columns, made valid for ``align``.
    static func band(rows: Int, columns: Int, halfWidth: Int, center: (Int) -> Double) -> [Range<Int>] {
        let windows = (0..<rows).map { row -> Range<Int> in
            let c = center(row)
            let lower = max(0, min(columns - 1, Int((c - Double(halfWidth)).rounded(.down))))
            let upper = max(lower + 1, min(columns, Int((c + Double(halfWidth)).rounded(.up)) + 1))
            return lower..<upper
        }
        return fixWindows(windows, columns: columns)
    }

    /// Makes windows valid: first starts at 0, last ends at `columns`, bounds never decrease, and
    /// each row's window touches the previous one (so every cell of the band can be reached).
    static func fixWindows(_ windows: [Range<Int>], columns: Int) -> [Range<Int>] {
        guard !windows.isEmpty else { return [] }
        var lower = windows.map { max(0, min(columns - 1, $0.lowerBound)) }
        var upper = windows.map { max(1, min(columns, $0.upperBound)) }
        lower[0] = 0
        upper[upper.count - 1] = columns
        for i in 1..<lower.count { lower[i] = max(lower[i], lower[i - 1]) }
        for i in stride(from: upper.count - 2, through: 0, by: -1) { upper[i] = min(upper[i], upper[i + 1]) }
        for i in 0..<lower.count where upper[i] <= lower[i] { upper[i] = lower[i] + 1 }
        for i in 1..<lower.count where lower[i] > upper[i - 1] {
            // A gap between consecutive rows: widen the earlier row forward to meet this one.
            upper[i - 1] = lower[i]
        }
        for i in stride(from: upper.count - 2, through: 0, by: -1) { upper[i] = min(max(upper[i], lower[i] + 1), upper[i + 1]) }
        return zip(lower, upper).map { $0..<$1 }
    }

    /// The band of a finer grid (`factor` times finer) around a coarse path, `radius` fine frames
    /// wide on either side: the refinement step of a coarse-to-fine alignment.
    static func refine(_ coarse: Path, factor: Int, radius: Int, rows: Int, columns: Int) -> [Range<Int>] {
        let coarseRows = coarse.columnsOfRow.count
        return fixWindows((0..<rows).map { row in
            let first = max(0, min(coarseRows - 1, (row - radius) / factor))
            let last = max(0, min(coarseRows - 1, (row + radius) / factor))
            let lower = coarse.columnsOfRow[first].lowerBound * factor - radius
            let upper = (coarse.columnsOfRow[last].upperBound + 1) * factor + radius
            return max(0, lower)..<min(columns, max(upper, 1))
        }, columns: columns)
    }

    /// The least-cost path through the band `windows` between the frames of `a` (rows) and `b`
    /// (columns), which must have the same dimension.
    static func align(_ a: FeatureMatrix, _ b: FeatureMatrix, windows: [Range<Int>], stepOverCosts: [Float]? = nil) -> Path {
        let rows = a.count, columns = b.count
        // The cells are read through unchecked pointers: every window must lie within the columns.
        precondition(windows.count == rows && rows > 0 && columns > 0 && a.dimension == b.dimension)
        precondition(windows.allSatisfy { $0.lowerBound >= 0 && $0.upperBound <= columns } && windows[rows - 1].upperBound == columns)
        var offsets = [Int](repeating: 0, count: rows + 1)
        for i in 0..<rows { offsets[i + 1] = offsets[i] + windows[i].count }
        // Steps: 0 diagonal, 1 from the row above (vertical), 2 from the left (horizontal).
        var steps = [UInt8](repeating: 0, count: offsets[rows])
        let maximumWidth = windows.map(\.count).max() ?? 1
        var previous = [Float](repeating: .infinity, count: maximumWidth + 1)
        var current = [Float](repeating: .infinity, count: maximumWidth + 1)
        var previousWindow = 0..<0
        let rowsPacked = PackedFrames(a), columnsPacked = PackedFrames(b)
        rowsPacked.chunks.withUnsafeBufferPointer { av in
            columnsPacked.chunks.withUnsafeBufferPointer { bv in
                steps.withUnsafeMutableBufferPointer { steps in
                    let width = rowsPacked.width
                    for i in 0..<rows {
                        let window = windows[i]
                        for j in window {
                            let distance = PackedFrames.distance(av, i, bv, j, width: width)
                            var best: Float, step: UInt8
                            if i == 0 && j == 0 {
                                best = distance
                                step = 0
                            } else {
                                // Diagonal from (i-1, j-1), vertical from (i-1, j), horizontal from (i, j-1).
                                let diagonal = previousWindow.contains(j - 1) ? previous[j - 1 - previousWindow.lowerBound] + distance : .infinity
                                let vertical = previousWindow.contains(j) ? previous[j - previousWindow.lowerBound] + distance : .infinity
                                let horizontal = j > window.lowerBound ? current[j - 1 - window.lowerBound] + min(distance, stepOverCosts?[j] ?? .infinity) : .infinity
                                best = diagonal
                                step = 0
                                if vertical < best { best = vertical; step = 1 }
                                if horizontal < best { best = horizontal; step = 2 }
                            }
                            current[j - window.lowerBound] = best
                            steps[offsets[i] + j - window.lowerBound] = step
                        }
                        swap(&previous, &current)
                        previousWindow = window
                    }
                }
            }
        }
        // Back from the last cell, noting each row's and column's matched range.
        var columnLow = [Int](repeating: Int.max, count: rows), columnHigh = [Int](repeating: -1, count: rows)
        var rowLow = [Int](repeating: Int.max, count: columns), rowHigh = [Int](repeating: -1, count: columns)
        var costSum = [Float](repeating: 0, count: columns)
        var costCount = [Int](repeating: 0, count: columns)
        var i = rows - 1, j = columns - 1
        let total = previous[j - previousWindow.lowerBound]
        var cells = 0
        while true {
            cells += 1
            columnLow[i] = min(columnLow[i], j)
            columnHigh[i] = max(columnHigh[i], j)
            rowLow[j] = min(rowLow[j], i)
            rowHigh[j] = max(rowHigh[j], i)
            costSum[j] += rowsPacked.distance(i, to: j, of: columnsPacked)
            costCount[j] += 1
            if i == 0 && j == 0 { break }
            switch steps[offsets[i] + j - windows[i].lowerBound] {
            case 0: i -= 1; j -= 1
            case 1: i -= 1
            default: j -= 1
            }
        }
        return Path(
            columnsOfRow: (0..<rows).map { columnLow[$0]...columnHigh[$0] },
            rowsOfColumn: (0..<columns).map { rowLow[$0]...rowHigh[$0] },
            costOfColumn: (0..<columns).map { costSum[$0] / Float(max(1, costCount[$0])) },
            meanCost: total / Float(cells)
        )
    }
}

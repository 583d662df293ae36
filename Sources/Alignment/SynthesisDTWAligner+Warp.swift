extension SynthesisDTWAligner {
    /// What stepping over each column of the coarse grid costs: a coarse column is optional when
    /// most of its frames are (at the least cost among them).
    func coarseStepOverCosts(_ stepOverCosts: [Float]) -> [Float] {
        let factor = max(1, settings.coarseFactor)
        return stride(from: 0, to: stepOverCosts.count, by: factor).map { start -> Float in
            let group = stepOverCosts[start..<min(stepOverCosts.count, start + factor)]
            return group.filter { $0.isFinite }.count * 2 > group.count ? group.min() ?? .infinity : .infinity
        }
    }

    /// The coarse half of a coarse-to-fine DTW: the recording on a grid `coarseFactor` times
    /// coarser (`coarseRecording`) against `synthetic` on the same grid, inside a Sakoe-Chiba band
    /// around the line from the speech start of both signals to their speech end (fine frames).
    /// Each of `anchors` (fine frames) holds the path: the recording before its `pause` is
    /// matched to the synthetic speech before its `columns` end, the recording after it to the
    /// synthetic speech from its `columns` start (to the coarse grid's precision); one the band
    /// cannot hold is left out.
    func coarsePath(_ coarseRecording: FeatureMatrix, _ synthetic: FeatureMatrix, coarseCosts: [Float],
                    recordingSpeech: Range<Int>, syntheticSpeech: Range<Int>,
                    anchors: [(pause: Range<Int>, columns: Range<Int>)] = []) -> BandedDTW.Path {
        let factor = max(1, settings.coarseFactor)
        let coarseSynthetic = synthetic.downsampled(by: factor)
        let r0 = Double(recordingSpeech.lowerBound) / Double(factor), r1 = Double(recordingSpeech.upperBound) / Double(factor)
        let s0 = Double(syntheticSpeech.lowerBound) / Double(factor), s1 = Double(syntheticSpeech.upperBound) / Double(factor)
        let slope = (s1 - s0) / max(1, r1 - r0)
        let halfWidth = Int(settings.bandSeconds / (MFCCExtractor.hopSeconds * Double(factor)))
        var coarseBand = BandedDTW.band(rows: coarseRecording.count, columns: coarseSynthetic.count, halfWidth: halfWidth) { row in
            s0 + (Double(row) - r0) * slope
        }
        if !anchors.isEmpty {
            for anchor in anchors {
                // Whole coarse rows before and after the pause; the coarse columns that hold
                // synthetic frames before the next phrase's start, and from the phrase's end.
                let before = anchor.pause.lowerBound / factor, after = (anchor.pause.upperBound + factor - 1) / factor
                let lastColumn = (anchor.columns.upperBound + factor - 1) / factor, firstColumn = anchor.columns.lowerBound / factor
                let held = coarseBand.indices.map { row -> Range<Int> in
                    let window = coarseBand[row]
                    let lower = row >= after ? max(window.lowerBound, firstColumn) : window.lowerBound
                    let upper = row < before ? min(window.upperBound, lastColumn) : window.upperBound
                    return lower..<max(lower, upper)
                }
                // An anchor the band cannot hold (outside it) is left out rather than forcing
                // the path along the band's edge.
                if !held.contains(where: \.isEmpty) { coarseBand = held }
            }
            coarseBand = BandedDTW.fixWindows(coarseBand, columns: coarseSynthetic.count)
        }
        return BandedDTW.align(coarseRecording, coarseSynthetic, windows: coarseBand, stepOverCosts: coarseCosts)
    }

    /// The fine half: on the full grid in a narrow band around the coarse path.
    func finePath(_ coarse: BandedDTW.Path, _ recording: FeatureMatrix, _ synthetic: FeatureMatrix, stepOverCosts: [Float]) -> BandedDTW.Path {
        let fineBand = BandedDTW.refine(coarse, factor: max(1, settings.coarseFactor), radius: settings.fineRadius, rows: recording.count, columns: synthetic.count)
        return BandedDTW.align(recording, synthetic, windows: fineBand, stepOverCosts: stepOverCosts)
    }
}

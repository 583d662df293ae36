import Foundation

extension SynthesisDTWAligner.Settings {
    /// The formant scales tried, 1 first (see ``formantScaleMax``).
    var formantScales: [Double] {
        guard formantScaleMax > 1, formantScaleSteps > 0 else { return [1] }
        let steps = formantScaleSteps
        return [1] + ((formantScalesBelow ? -steps : 1)...steps).filter { $0 != 0 }.map { pow(formantScaleMax, Double($0) / Double(steps)) }
    }
}

extension SynthesisDTWAligner {
    /// The synthetic speech heard through each scaled filterbank of `extractor` (vocal tract
    /// length normalisation, see ``Settings/formantScaleMax``), laid out as `columns`: the scale
    /// whose coarse path matches `coarseRecording` with the least mean cost per cell within
    /// ``Settings/formantSearchRadius`` of `path` (the unscaled voice's), and its features; nil
    /// when the unscaled voice (`unscaled`) matches best. Ties go to the lower scale.
    ///
    /// The scaled features are made one filterbank at a time and dropped once weighed: only the
    /// best so far is kept at full rate.
    func formantScaled(_ samples: [Float], extractor: MFCCExtractor, activity: SpeechActivity, columns: SyntheticColumns,
                       matching coarseRecording: FeatureMatrix, near path: BandedDTW.Path, unscaled: FeatureMatrix,
                       coarseCosts: [Float]) -> (scale: Double, features: FeatureMatrix)? {
        let factor = max(1, settings.coarseFactor)
        let band = BandedDTW.refine(path, factor: 1, radius: max(0, settings.formantSearchRadius),
                                    rows: coarseRecording.count, columns: path.rowsOfColumn.count)
        func cost(_ features: FeatureMatrix) -> Float {
            BandedDTW.align(coarseRecording, features.downsampled(by: factor), windows: band, stepOverCosts: coarseCosts).meanCost
        }
        let silence = activity.isSpeech.map { !$0 }
        let scales = settings.formantScales
        var sets = extractor.scaledFeatureSets(of: samples)
        var least = cost(unscaled)
        var best: (scale: Double, features: FeatureMatrix)?
        for index in sets.indices {
            var scaled = sets[index]
            sets[index] = FeatureMatrix(count: 0, dimension: scaled.dimension, values: [], energyDB: [])
            scaled.normalize(where: activity.isSpeech)
            let candidate = scaled.expanded(to: columns, silence: scaled.mean(where: silence))
            let candidateCost = cost(candidate)
            if candidateCost < least {
                least = candidateCost
                best = (scales[index + 1], candidate)
            }
        }
        return best
    }
}

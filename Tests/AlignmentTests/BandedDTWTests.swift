import Testing
@testable import Alignment

/// The warping itself: its vectorised distance and the path it finds.
@Suite("Banded DTW")
struct BandedDTWTests {
    /// `count` frames of `dimension` values from a fixed linear congruential sequence in −1…1.
    static func frames(_ count: Int, dimension: Int, seed: UInt32) -> FeatureMatrix {
        var state = seed
        let values = (0..<(count * dimension)).map { _ -> Float in
            state = state &* 1_664_525 &+ 1_013_904_223
            return Float(state >> 8) / Float(1 << 23) - 1
        }
        return FeatureMatrix(count: count, dimension: dimension, values: values, energyDB: [Float](repeating: -20, count: count))
    }

    static func euclidean(_ a: FeatureMatrix, _ i: Int, _ b: FeatureMatrix, _ j: Int) -> Float {
        (0..<a.dimension).reduce(Float(0)) { sum, c in
            let d = a.values[i * a.dimension + c] - b.values[j * b.dimension + c]
            return sum + d * d
        }.squareRoot()
    }

    @Test("The packed distance is the Euclidean distance, whatever the dimension (padding adds nothing)", arguments: [1, 3, 8, 13, 17])
    func packedDistance(dimension: Int) {
        let a = Self.frames(5, dimension: dimension, seed: 1), b = Self.frames(7, dimension: dimension, seed: 2)
        let packedA = PackedFrames(a), packedB = PackedFrames(b)
        #expect(packedA.width == (dimension + 7) / 8)
        for i in 0..<a.count {
            for j in 0..<b.count {
                let expected = Self.euclidean(a, i, b, j)
                #expect(abs(packedA.distance(i, to: j, of: packedB) - expected) <= 1e-5 * max(1, expected))
            }
        }
        #expect(packedA.distance(2, to: 2, of: packedA) == 0)
    }

    @Test("A signal warped onto itself stretched twice: every frame finds its two copies, at no cost")
    func stretchedCopy() {
        let a = Self.frames(40, dimension: 13, seed: 3)
        // Each frame said twice as long.
        let stretched = FeatureMatrix(count: 80, dimension: 13,
                                      values: (0..<80).flatMap { Array(a.values[($0 / 2) * 13..<($0 / 2 + 1) * 13]) },
                                      energyDB: [Float](repeating: -20, count: 80))
        let band = BandedDTW.band(rows: 40, columns: 80, halfWidth: 10) { Double($0) * 2 }
        let path = BandedDTW.align(a, stretched, windows: band)
        #expect(path.columnsOfRow == (0..<40).map { (2 * $0)...(2 * $0 + 1) })
        #expect(path.meanCost == 0)
        #expect(path.costOfColumn.allSatisfy { $0 == 0 })

        // Against other frames the cost is the mean of the distances of the path's cells.
        let other = Self.frames(80, dimension: 13, seed: 4)
        let warped = BandedDTW.align(a, other, windows: band)
        #expect(warped.meanCost > 0)
        for (column, rows) in warped.rowsOfColumn.enumerated() {
            let mean = rows.map { Self.euclidean(a, $0, other, column) }.reduce(0, +) / Float(rows.count)
            #expect(abs(warped.costOfColumn[column] - mean) <= 1e-4 * max(1, mean))
        }
    }
}

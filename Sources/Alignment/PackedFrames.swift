/// The frames of a ``FeatureMatrix`` in chunks of eight lanes, the last one zero-padded, so the
/// warping's local distance (its inner loop, most of the aligner's time) runs on vectors: two
/// chunks for 13 cepstra instead of 13 scalar steps.
struct PackedFrames {
    /// Chunks per frame.
    let width: Int
    /// `count × width` chunks, frame by frame.
    let chunks: [SIMD8<Float>]

    init(_ matrix: FeatureMatrix) {
        let dimension = matrix.dimension
        let width = (dimension + 7) / 8
        var chunks = [SIMD8<Float>](repeating: SIMD8(), count: matrix.count * width)
        for frame in 0..<matrix.count {
            for c in 0..<dimension {
                chunks[frame * width + c / 8][c % 8] = matrix.values[frame * dimension + c]
            }
        }
        self.width = width
        self.chunks = chunks
    }

    /// The Euclidean distance between frame `i` here and frame `j` of `other` (same dimension).
    func distance(_ i: Int, to j: Int, of other: PackedFrames) -> Float {
        assert(other.width == width, "frames of different dimensions")
        return chunks.withUnsafeBufferPointer { a in
            other.chunks.withUnsafeBufferPointer { b in Self.distance(a, i, b, j, width: width) }
        }
    }

    /// The Euclidean distance between frame `i` of `a` and frame `j` of `b`, both `width` chunks a
    /// frame, read without bounds checks (the warping's inner loop; its callers check the bands).
    @inline(__always)
    static func distance(_ a: UnsafeBufferPointer<SIMD8<Float>>, _ i: Int, _ b: UnsafeBufferPointer<SIMD8<Float>>, _ j: Int,
                         width: Int) -> Float {
        var squares = SIMD8<Float>()
        for k in 0..<width {
            let d = a[i * width + k] - b[j * width + k]
            squares += d * d
        }
        return squares.sum().squareRoot()
    }
}

import AudioCodec

/// How the fuzz targets feed an input. Uploads arrive in whatever pieces the network makes, so a
/// streaming parser must give the same answer however the bytes are cut: every input is fed whole
/// and in pieces, and the runs must agree.
enum FuzzFeed {
    /// The cuts tried for `bytes`: whole; two pieces, cut where the first byte says; and small
    /// pieces of a size the last byte picks (1…32 bytes, so header fields straddle pieces).
    static func plans(for bytes: [UInt8]) -> [[Range<Int>]] {
        guard let first = bytes.first, let last = bytes.last, bytes.count > 1 else { return [[0..<bytes.count]] }
        let cut = Int(first) * bytes.count / 256
        let piece = 1 + Int(last) % 32
        let small = stride(from: 0, to: bytes.count, by: piece).map { $0..<min($0 + piece, bytes.count) }
        return [[0..<bytes.count], [0..<cut, cut..<bytes.count], small]
    }

    /// Calls `body` with the pieces of `bytes` that `plan` names, in order.
    static func feed(_ bytes: [UInt8], _ plan: [Range<Int>], _ body: (UnsafeRawBufferPointer) throws -> Void) rethrows {
        try bytes.withUnsafeBytes { raw in
            for range in plan { try body(UnsafeRawBufferPointer(rebasing: raw[range])) }
        }
    }

    /// Runs `attempt` once per plan. The runs must agree: all refuse the input (a thrown error, which
    /// is how bad input is meant to end), or all accept it with the same value, which is returned.
    @discardableResult
    static func agree<T: Equatable>(_ bytes: [UInt8], _ attempt: ([Range<Int>]) throws -> T) -> T? {
        let plans = plans(for: bytes)
        let outcomes = plans.map { plan in Result { try attempt(plan) } }
        let values = outcomes.compactMap { try? $0.get() }
        // Short reports: the values themselves may hold every sample of the input.
        let report = zip(plans, outcomes).map { plan, outcome in
            let cuts = "\(plan.count) piece(s) of \(plan.first?.count ?? 0)"
            switch outcome {
            case .success: return "\(cuts): accepted"
            case .failure(let error): return "\(cuts): refused, \(error)"
            }
        }
        invariant(values.isEmpty || values.count == outcomes.count, "accepted or refused depending on the cuts: \(report)")
        invariant(values.allSatisfy { $0 == values[0] }, "different results depending on the cuts: \(report)")
        return values.first
    }
}

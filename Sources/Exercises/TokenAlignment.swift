/// Lines an answer's words up with the expected words: an edit distance over words where a
/// substitution costs less the more alike the two words are, and where one word written as two
/// (or two as one) can pair up when the letters agree.
struct TokenAlignment {
    /// One step of the alignment, in reading order.
    enum Step: Equatable {
        /// Expected word `e` with written word `w`.
        case pair(e: Int, w: Int)
        /// Expected word `e` written as words `w` and `w + 1`.
        case split(e: Int, w: Int)
        /// Expected words `e` and `e + 1` written as word `w`.
        case merge(e: Int, w: Int)
        /// Expected word `e` not written.
        case missing(e: Int)
        /// Written word `w` not expected.
        case extra(w: Int)
    }

    let expected: [AnswerToken]
    let written: [AnswerToken]
    let judge: (WordSkeleton, WordSkeleton) -> WordVerdict

    /// What a missing or an extra word costs.
    static let gapCost = 1.0
    /// A split or merge costs a little more than the pairs it stands for, so it is chosen only
    /// when it explains the letters better.
    static let joinCost = 0.1
    /// Far below any real difference in cost: only breaks ties.
    static let tieBreak = 1e-7

    /// The cheapest alignment, each step with the verdict of what it pairs (nil for missing and
    /// extra words).
    func steps() -> [(Step, WordVerdict?)] {
        let n = expected.count, m = written.count
        let width = m + 1
        var pairs: [WordVerdict] = []
        pairs.reserveCapacity(n * m)
        for i in 0..<n { for j in 0..<m { pairs.append(judge(expected[i].skeleton, written[j].skeleton)) } }
        var cost = [Double](repeating: .infinity, count: (n + 1) * width)
        var choice = [(Step, WordVerdict?)?](repeating: nil, count: (n + 1) * width)
        cost[0] = 0
        for i in 0...n {
            for j in 0...m {
                let here = cost[i * width + j]
                guard here < .infinity else { continue }
                func offer(_ i2: Int, _ j2: Int, _ extra: Double, _ step: Step, _ verdict: WordVerdict?) {
                    let index = i2 * width + j2
                    // Strictly cheaper only: earlier offers (pairs before gaps) win ties.
                    if here + extra < cost[index] {
                        cost[index] = here + extra
                        choice[index] = (step, verdict)
                    }
                }
                if i < n, j < m {
                    let verdict = pairs[i * m + j]
                    offer(i + 1, j + 1, verdict.cost, .pair(e: i, w: j), verdict)
                }
                if i < n, j + 1 < m, plausible(expected[i].skeleton, written[j].skeleton, written[j + 1].skeleton) {
                    let verdict = judge(expected[i].skeleton, WordSkeleton.joined(written[j].skeleton, written[j + 1].skeleton))
                    if joins(verdict, better: pairs[i * m + j], pairs[i * m + j + 1]) {
                        offer(i + 1, j + 2, verdict.cost + Self.joinCost, .split(e: i, w: j), verdict)
                    }
                }
                if i + 1 < n, j < m, plausible(written[j].skeleton, expected[i].skeleton, expected[i + 1].skeleton) {
                    let verdict = judge(WordSkeleton.joined(expected[i].skeleton, expected[i + 1].skeleton), written[j].skeleton)
                    if joins(verdict, better: pairs[i * m + j], pairs[(i + 1) * m + j]) {
                        offer(i + 2, j + 1, verdict.cost + Self.joinCost, .merge(e: i, w: j), verdict)
                    }
                }
                // A gap later in the phrase costs a hair less, so that of two equal alignments the
                // one pairing the earliest words wins (`vais vais`: the first is right, the second extra).
                if i < n { offer(i + 1, j, Self.gapCost + Self.tieBreak * Double(n - i), .missing(e: i), nil) }
                if j < m { offer(i, j + 1, Self.gapCost + Self.tieBreak * Double(m - j), .extra(w: j), nil) }
            }
        }
        var steps: [(Step, WordVerdict?)] = []
        var i = n, j = m
        while i > 0 || j > 0 {
            guard let (step, verdict) = choice[i * width + j] else { break }
            steps.append((step, verdict))
            switch step {
            case .pair: (i, j) = (i - 1, j - 1)
            case .split: (i, j) = (i - 1, j - 2)
            case .merge: (i, j) = (i - 2, j - 1)
            case .missing: i -= 1
            case .extra: j -= 1
            }
        }
        return steps.reversed()
    }

    /// A split or merge stands only when the two words together are a near miss or better, and
    /// look more like their counterpart than either does alone: `en semble` is `ensemble`, but
    /// `l'ecole en` is `l'ecole` and an extra word.
    func joins(_ verdict: WordVerdict, better first: WordVerdict, _ second: WordVerdict) -> Bool {
        verdict.mark != .wrong && verdict.similarity > max(first.similarity, second.similarity)
    }

    /// Whether one word could be two others run together: never for numbers, and only when the
    /// lengths nearly agree (this keeps the alignment fast on long answers).
    func plausible(_ one: WordSkeleton, _ first: WordSkeleton, _ second: WordSkeleton) -> Bool {
        guard one.digitsValue == nil, first.digitsValue == nil, second.digitsValue == nil else { return false }
        return abs(one.folded.count - first.folded.count - second.folded.count) <= 2
    }
}

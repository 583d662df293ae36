extension AnswerScorer {
    /// A number in a phrase: where it is among the words, its value, and whether it is in digits.
    struct NumberSpan {
        let range: Range<Int>
        let value: Int
        let digits: Bool
    }

    /// The answer with each number written the other way from the expected phrase (digits for
    /// words, words for digits, or the words split differently) replaced by the expected form,
    /// remembering what was written. Same value, same number: the rest of scoring then sees it
    /// as right.
    func reconcilingNumbers(in written: [AnswerToken], with expected: [AnswerToken]) -> [AnswerToken] {
        guard let numbers = NumberWords(language: language) else { return written }
        let wanted = spans(expected, numbers)
        var used = Set<Int>()
        var output: [AnswerToken] = []
        var next = 0
        for span in spans(written, numbers) {
            guard let match = wanted.indices.first(where: { index in
                let candidate = wanted[index]
                return !used.contains(index) && candidate.value == span.value
                    && (candidate.digits != span.digits || !span.digits && candidate.range.count != span.range.count)
            }) else { continue }
            used.insert(match)
            output += written[next..<span.range.lowerBound]
            let text = written[span.range].map(\.written).joined(separator: " ")
            let pieces = Array(expected[wanted[match].range])
            for (offset, piece) in pieces.enumerated() {
                let last = offset == pieces.count - 1
                var token = AnswerToken(piece.skeleton.letters, written: text, before: written[span.range.lowerBound].before,
                                        after: last ? written[span.range.upperBound - 1].after : piece.after,
                                        numberRewrite: wanted[match].digits != span.digits)
                token.skeleton = piece.skeleton
                output.append(token)
            }
            next = span.range.upperBound
        }
        output += written[next...]
        return output
    }

    /// The numbers of a phrase, in order: single tokens in digits, and runs of number words.
    func spans(_ tokens: [AnswerToken], _ numbers: NumberWords) -> [NumberSpan] {
        var spans = tokens.indices.compactMap { index in
            tokens[index].skeleton.digitsValue.map { NumberSpan(range: index..<index + 1, value: $0, digits: true) }
        }
        spans += numbers.runs(in: tokens.map(\.written)).map { NumberSpan(range: $0.range, value: $0.value, digits: false) }
        return spans.sorted { $0.range.lowerBound < $1.range.lowerBound }
    }
}

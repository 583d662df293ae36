import Foundation
import Transcripts

/// Checks a learner's answer against the expected phrase, word by word, with care for people
/// who are learning to write.
///
/// A typed answer is aligned with the transcript's words (an edit distance over words whose
/// substitutions are priced by letter similarity, with splits and merges), then each expected
/// word is marked:
/// - `correct` when it is right, or differs only in what the level forgives (level 1: case,
///   accents, apostrophes and hyphens; level 2: case and the apostrophe's shape; level 3:
///   nothing, and punctuation is checked too);
/// - `close` for a near miss: the rest of those differences, one or two letters off, a spelling by
///   sound, two words run together or one split in two;
/// - `wrong` (with what was written) or `missing`; words written beyond are `extra`.
///
/// Numbers in digits match their words in languages whose number words are known (French,
/// English): `21` is `vingt et un` and `vingt-et-un`, `twenty-one` is `21`.
public struct AnswerScorer: Sendable {
    /// The answer's language (BCP 47): its number words and sound rules.
    public let language: String
    /// What is forgiven.
    public let level: ExerciseLevel

    public init(language: String, level: ExerciseLevel) {
        self.language = language
        self.level = level
    }

    /// Scores a typed answer (a dictation) against a segment's words.
    public func score(text: String, against segment: TranscriptSegment) -> ScoredAnswer {
        score(text: text, expected: AnswerToken.tokens(of: segment), words: segment.words.map(\.text))
    }

    /// Scores a typed answer against a phrase given as text (tokenised like a transcript).
    public func score(text: String, expected phrase: String) -> ScoredAnswer {
        let segment = TranscriptSegment(text: phrase)
        return score(text: text, against: segment)
    }

    func score(text: String, expected: [AnswerToken], words: [String]) -> ScoredAnswer {
        let language = self.language, level = self.level
        // Sound keys once per word, not once per pair the alignment looks at.
        func sounded(_ tokens: [AnswerToken]) -> [AnswerToken] {
            tokens.map { token in
                var token = token
                token.skeleton.sound = SoundKey.key(token.skeleton.lowered, language: language)
                return token
            }
        }
        let expected = sounded(expected)
        let written = sounded(reconcilingNumbers(in: AnswerToken.tokens(of: text), with: expected))
        let alignment = TokenAlignment(expected: expected, written: written) { e, w in
            WordVerdict.judge(e, w, level: level, language: language)
        }
        var marks: [WordMark] = []
        for (step, verdict) in alignment.steps() {
            switch step {
            case .pair(let e, let w):
                marks.append(mark(e, words[e], written: written[w].written, verdict!, expected[e], written[w], first: e == 0))
            case .split(let e, let w):
                let joined = AnswerToken(written[w].written + " " + written[w + 1].written, before: written[w].before, after: written[w + 1].after)
                marks.append(mark(e, words[e], written: joined.written, verdict!, expected[e], joined, first: e == 0))
            case .merge(let e, let w):
                for index in [e, e + 1] {
                    marks.append(mark(index, words[index], written: written[w].written, verdict!, expected[index], written[w],
                                      first: index == 0, checkPunctuation: index == e + 1))
                }
            case .missing(let e):
                marks.append(WordMark(word: e, expected: words[e], written: nil, mark: .missing))
            case .extra(let w):
                marks.append(WordMark(word: nil, expected: nil, written: written[w].written, mark: .extra))
            }
        }
        return ScoredAnswer(marks: marks)
    }

    /// The mark of one expected word, with level 3's punctuation check on right words.
    func mark(_ index: Int, _ word: String, written: String, _ verdict: WordVerdict, _ expected: AnswerToken, _ token: AnswerToken,
              first: Bool, checkPunctuation: Bool = true) -> WordMark {
        var verdict = verdict
        if token.numberRewrite, verdict.mark == .correct, !verdict.differences.contains(.number) {
            verdict.differences.append(.number)
        }
        if verdict.mark == .correct, checkPunctuation, !WordDifference.punctuation.isForgiven(at: level),
           expected.after != token.after || (first && expected.before != token.before) {
            verdict = WordVerdict(mark: .close, differences: [.punctuation], similarity: 1)
        }
        return WordMark(word: index, expected: word, written: written, mark: verdict.mark, differences: verdict.differences)
    }

    /// Scores the tiles chosen in a gap-fill: each gap is right when the tile is the hidden word
    /// (tiles are never homographs of the answer, so case and accents are not looked at), wrong
    /// otherwise, missing when left empty. The score is the share of right gaps.
    ///
    /// - Precondition: every choice's `word` is an index of `segment.words`.
    public func score(choices: [GapChoice], against segment: TranscriptSegment) -> ScoredAnswer {
        let marks = choices.sorted { $0.word < $1.word }.map { choice -> WordMark in
            let word = segment.words[choice.word].text
            let bare = ContentWords.bareWord(word)
            guard let text = choice.text, !text.trimmingCharacters(in: .whitespaces).isEmpty else {
                return WordMark(word: choice.word, expected: bare, written: nil, mark: .missing)
            }
            let key = WordFolding.key(text)
            let right = key == WordFolding.key(bare) || key == WordFolding.key(word)
            return WordMark(word: choice.word, expected: bare, written: text, mark: right ? .correct : .wrong)
        }
        return ScoredAnswer(marks: marks)
    }
}

import Foundation
import Transcripts

/// A word of an expected phrase or of an answer, ready to be compared: its skeleton, what to show
/// as written, and the punctuation around it (which only level 3 checks).
struct AnswerToken: Sendable {
    /// The form compared with the expected word.
    var skeleton: WordSkeleton
    /// What the learner wrote for it, shown in the marks.
    var written: String
    /// Punctuation before the word (read for the first word only), normalised.
    var before: String
    /// Punctuation after the word, up to the next one, normalised.
    var after: String
    /// True when it stands for a number the learner wrote the other way (digits for words, or
    /// words for digits).
    var numberRewrite = false

    init(_ text: String, written: String? = nil, before: String = "", after: String = "", numberRewrite: Bool = false) {
        self.skeleton = WordSkeleton(text)
        self.written = written ?? text
        self.before = before
        self.after = after
        self.numberRewrite = numberRewrite
    }

    /// The words of an answer, with the punctuation typed between them.
    static func tokens(of text: String, tokenizer: Tokenizer = Tokenizer()) -> [AnswerToken] {
        located(tokenizer.tokens(in: text).map { ($0.text, $0.offset, $0.length) }, in: text)
    }

    /// The words of a transcript segment, with its punctuation.
    static func tokens(of segment: TranscriptSegment) -> [AnswerToken] {
        located(segment.words.map { ($0.text, $0.offset, $0.length) }, in: segment.text)
    }

    static func located(_ words: [(text: String, offset: Int, length: Int)], in text: String) -> [AnswerToken] {
        let units = Array(text.utf16)
        func slice(_ from: Int, _ to: Int) -> String {
            let from = min(max(from, 0), units.count), to = min(max(to, from), units.count)
            return String(decoding: units[from..<to], as: UTF16.self)
        }
        return words.enumerated().map { index, word in
            let end = word.offset + word.length
            let next = index + 1 < words.count ? words[index + 1].offset : units.count
            return AnswerToken(word.text, before: index == 0 ? normalisedPunctuation(slice(0, word.offset)) : "",
                               after: normalisedPunctuation(slice(end, next)))
        }
    }

    /// Punctuation as level 3 compares it: no spaces (French puts one before `?`, English does
    /// not), one kind of quotation mark, and `...` the same as `…`.
    static func normalisedPunctuation(_ text: String) -> String {
        var output = ""
        for character in text where !character.isWhitespace && !WordFolding.isIgnorable(character) {
            output.append(quotes.contains(character) ? "\"" : character)
        }
        return output.replacingOccurrences(of: "...", with: "…")
    }

    static let quotes: Set<Character> = ["\"", "«", "»", "“", "”", "„", "‟", "‹", "›", "‘", "’", "‚", "‛"]
}

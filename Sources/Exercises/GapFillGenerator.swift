import Transcripts

/// Makes a gap-fill from one segment of a timed transcript: which words to hide, which wrong
/// tiles to offer with each, in which order. The same seed always makes the same exercise.
///
/// - Gaps are content words (``ContentWords``) that are timed; in a phrase with none, its longest
///   timed word. Level 1 hides one word per phrase, level 2 half of the content words, level 3
///   four in five. The words the group meets most often (``DistractorPool/frequency``) are
///   hidden first: they are the ones learners can be expected to know; ties go by the seed.
/// - An elided article stays visible: `l'école` becomes `l'` and a gap for `école`.
/// - Each gap has 2, 3 or 4 wrong tiles (levels 1, 2, 3) from the pool, never a homograph of the
///   answer (the same letters once case, accents, apostrophes and hyphens are folded), never two
///   alike. Level 1 prefers tiles that look unlike the answer, level 3 tiles that look like it.
public struct GapFillGenerator: Sendable {
    /// The transcript's language (BCP 47): which words are content words.
    public let language: String
    /// How many gaps and tiles.
    public let level: ExerciseLevel

    public init(language: String, level: ExerciseLevel) {
        self.language = language
        self.level = level
    }

    /// How many wrong tiles each gap gets.
    public var distractorCount: Int { level.rawValue + 1 }

    /// The gap-fill of `transcript.segments[segment]`, heard in recording `recordingId`.
    ///
    /// - Parameter pool: the wrong tiles' source; the transcript itself should be in it.
    /// - Precondition: `segment` is an index of `transcript.segments`.
    public func make(segment index: Int, of transcript: Transcript, recordingId: String, pool: DistractorPool, seed: UInt64) -> GapFillExercise {
        var random = SplitMix64(seed: seed)
        let segment = transcript.segments[index]
        let hidden = chooseGaps(in: segment, pool: pool, random: &random)
        var pieces: [GapFillExercise.Piece] = []
        var gaps: [GapFillExercise.Gap] = []
        let units = Array(segment.text.utf16)
        func text(_ from: Int, _ to: Int) -> String {
            let from = min(max(from, 0), units.count), to = min(max(to, from), units.count)
            return String(decoding: units[from..<to], as: UTF16.self)
        }
        func appendText(_ string: String) {
            guard !string.isEmpty else { return }
            if case .text(let previous)? = pieces.last {
                pieces[pieces.count - 1] = .text(previous + string)
            } else {
                pieces.append(.text(string))
            }
        }
        var cursor = 0
        for (position, word) in segment.words.enumerated() {
            appendText(text(cursor, word.offset))
            cursor = word.offset + word.length
            let slice = AudioSlice(recordingId: recordingId, startMs: word.startMs, endMs: word.endMs)
            guard hidden.contains(position), let slice else {
                pieces.append(.word(index: position, text: word.text, slice: slice))
                continue
            }
            let prefix = Tokenizer().elidedPrefix(of: word.text).map(String.init)
            if let prefix { appendText(prefix) }
            var (answer, midPhrase) = DistractorPool.tileText(word.text, atPhraseStart: position == 0)
            let key = WordFolding.key(answer)
            // A capital kept elsewhere in the group's texts is the word's own (a name).
            if !midPhrase, let known = pool.entry(key: key), known.fromMidPhrase { answer = known.text }
            let wrong = distractors(for: key, answer: answer, pool: pool, random: &random)
            let options = random.shuffled([GapFillExercise.Option(text: answer, slice: slice)] + wrong)
            pieces.append(.gap(gap: gaps.count, word: position))
            gaps.append(GapFillExercise.Gap(word: position, prefix: prefix, answer: answer, options: options))
        }
        appendText(text(cursor, units.count))
        return GapFillExercise(segment: index, pieces: pieces, gaps: gaps)
    }

    /// The indices of the words to hide.
    func chooseGaps(in segment: TranscriptSegment, pool: DistractorPool, random: inout SplitMix64) -> Set<Int> {
        let timed = segment.words.indices.filter { segment.words[$0].isTimed && segment.words[$0].text.contains(where: \.isLetter) }
        var candidates = timed.filter { ContentWords.isContentWord(segment.words[$0].text, language: language) }
        if candidates.isEmpty, let longest = timed.max(by: { ContentWords.bareWord(segment.words[$0].text).count
                                                                < ContentWords.bareWord(segment.words[$1].text).count }) {
            candidates = [longest]
        }
        let count: Int
        switch level {
        case .beginner: count = min(1, candidates.count)
        case .intermediate: count = (candidates.count + 1) / 2
        case .advanced: count = candidates.count - candidates.count / 5
        }
        // Seeded order first, so equally frequent words are taken in the seed's order.
        let ranked = random.shuffled(candidates).enumerated().map { order, position in
            (position, order, pool.frequency[WordFolding.key(ContentWords.bareWord(segment.words[position].text))] ?? 0)
        }.sorted { $0.2 != $1.2 ? $0.2 > $1.2 : $0.1 < $1.1 }
        return Set(ranked.prefix(count).map(\.0))
    }

    /// The wrong tiles for a gap whose answer folds to `key`.
    func distractors(for key: String, answer: String, pool: DistractorPool, random: inout SplitMix64) -> [GapFillExercise.Option] {
        let candidates = random.shuffled(pool.entries.filter { !$0.key.isEmpty && $0.key != key })
        // Stable preference by look: unlike the answer at level 1, like it at level 3.
        let ranked = candidates.enumerated().map { order, entry -> (DistractorPool.Entry, Int, Int) in
            let alike = EditDistance.similarity(entry.key, key) >= 0.4 || entry.key.first == key.first
            let preference = switch level {
            case .beginner: alike ? 1 : 0
            case .intermediate: 0
            case .advanced: alike ? 0 : 1
            }
            return (entry, preference, order)
        }.sorted { $0.1 != $1.1 ? $0.1 < $1.1 : $0.2 < $1.2 }
        return ranked.prefix(distractorCount).map { GapFillExercise.Option(text: $0.0.text, slice: $0.0.slice) }
    }
}

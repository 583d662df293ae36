extension BoundaryMapper {
    /// What opens the unit after a junction, as eSpeak NG says it: its first spoken word's first
    /// phoneme (IPA; nil when none was reported) and that word's length in synthetic frames.
    struct Opening {
        var phoneme: String?
        var wordFrames: Int
    }

    /// The pause a junction takes once a word-final stop's release is given back to its word:
    /// `candidates[index + 1]` instead of `candidates[index]` when what lies between the two
    /// pauses is a short island of sound with no voice in it and the unit after the junction
    /// cannot have begun in that island; `index` otherwise. The caller checks that the next pause
    /// is within the junction's reach and says something (evidence over 0); `taken` are the
    /// pauses the junctions of the same assignment hold.
    ///
    /// A speaker who ends a word on a stop ("juliet", "sept", "Квебек") closes, then releases:
    /// 40–140 ms of silence, a burst and aspiration of up to about 100 ms, then the pause before
    /// the next word. The closure is often the longer and deeper of the two silences, so the
    /// junction took it and gave the release to the next word, 120–190 ms early (the largest
    /// class of dev tight errors; Benchmarks/README.md). The path cannot tell either: eSpeak NG
    /// often says no final stop at all. The island itself can: a syllable of the next word has
    /// a vowel (voice), a release has none. What else puts a voiceless island before a pause is
    /// the next unit's start: an opening voiceless fricative before a stop's closure ("star",
    /// "что"), or a whole first word no longer than a release (Russian "к", Czech "k" before
    /// "tomu": its burst, then the next word's closure). Those keep the first pause, and so does
    /// every junction where the phoneme or the voicing cannot be told.
    func keepingFinalRelease(_ index: Int, candidates: [Range<Int>], taken: Set<Int>, opening: Opening) -> Int {
        let longest = settings.finalReleaseLongestMs / 10
        guard longest > 0, let voicing, index + 1 < candidates.count, !taken.contains(index + 1),
              let phoneme = opening.phoneme, !Self.isVoicelessFricative(phoneme), opening.wordFrames > longest,
              candidates[index + 1].lowerBound > candidates[index].upperBound else { return index }
        let island = candidates[index].upperBound..<candidates[index + 1].lowerBound
        guard island.count <= longest, let voiced = voicing.isVoiced(island) else { return index }
        return voiced ? index : index + 1
    }

    /// What opens word `word` of phrase `phrase` (nil: none of it is spoken).
    func opening(phrase: Int, word: Int?, speech: SynthesizedSpeech, synthetic: [(phrase: Span, words: [Span])]) -> Opening {
        guard let word, synthetic.indices.contains(phrase), synthetic[phrase].words.indices.contains(word) else {
            return Opening(phoneme: nil, wordFrames: 0)
        }
        let span = synthetic[phrase].words[word]
        return Opening(phoneme: speech.firstPhoneme(phrase: phrase, word: word), wordFrames: span.end - span.start)
    }

    /// Whether an IPA phoneme name is a voiceless fricative (its first letter: [s], [ʃ], [f],
    /// [θ], [x], [h] and the like, palatalised or not); false for nil.
    static func isVoicelessFricative(_ phoneme: String?) -> Bool {
        guard let first = phoneme?.unicodeScalars.first else { return false }
        return "sʃfθxhçɕʂχħɸɬʍʜ".unicodeScalars.contains(first)
    }
}

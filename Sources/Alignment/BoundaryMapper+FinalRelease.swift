extension BoundaryMapper {
    /// The pause a junction takes once a word-final stop's release is given back to its word:
    /// `candidates[index + 1]` instead of `candidates[index]` when what lies between the two
    /// pauses is a short island of sound without voice, the next pause is free, and the unit after
    /// the junction does not open with a voiceless fricative (`opening`: its first phoneme in IPA,
    /// from eSpeak NG). `index` otherwise.
    ///
    /// A speaker who ends a word on a stop ("juliet", "sept", "Квебек") closes, then releases:
    /// 40–140 ms of silence, a burst and aspiration of up to about 100 ms, then the pause before
    /// the next word. The closure is often the longer and deeper of the two silences, so the
    /// junction took it and gave the release to the next word, 120–190 ms early (the largest
    /// class of dev tight errors; Benchmarks/README.md). The path cannot tell either: eSpeak NG
    /// often says no final stop at all. The island itself can: a syllable of the next word has
    /// a vowel (voice), a release has none. What else puts a voiceless island before a pause is
    /// the next word's opening fricative ([s] before a stop's closure: "star", "суббота"), so a
    /// unit that opens with one keeps the first pause.
    func keepingFinalRelease(_ index: Int, candidates: [Range<Int>], assigned: Set<Int>, opening: String?) -> Int {
        let longest = settings.finalReleaseLongestMs / 10
        guard longest > 0, let voicing, index + 1 < candidates.count, !assigned.contains(index + 1) else { return index }
        let island = candidates[index].upperBound..<candidates[index + 1].lowerBound
        guard !island.isEmpty, island.count <= longest, !Self.isVoicelessFricative(opening) else { return index }
        return voicing.isVoiced(island) ? index : index + 1
    }

    /// Whether an IPA phoneme name is a voiceless fricative (its first letter: [s], [ʃ], [f],
    /// [θ], [x], [h] and the like, palatalised or not); false for nil.
    static func isVoicelessFricative(_ phoneme: String?) -> Bool {
        guard let first = phoneme?.unicodeScalars.first else { return false }
        return "sʃfθxhçɕʂχħɸɬʍʜ".unicodeScalars.contains(first)
    }
}

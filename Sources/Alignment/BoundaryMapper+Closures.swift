extension BoundaryMapper {
    /// `pauses` without those the path explains as a closure inside a word: shorter than
    /// ``SynthesisDTWAligner/Settings/wordByWordPauseMs``, and most of their frames matched to
    /// synthetic silence that lies between two speech frames of one synthetic word (eSpeak NG's
    /// closure of a stop the speaker made too), none of those frames to an optional pause inserted
    /// at a word junction.
    ///
    /// Where two words run into each other with no pause between them, the nearest pauses are the
    /// closures inside the words around, and a junction takes any pause within its reach: it was
    /// pulled a stop's length or more away from where the path put it. The path itself says what
    /// such a pause is: it matched it to the synthetic word's own closure. A longer pause (a
    /// reader's between words) is kept whatever the path says: a path that slipped by a word
    /// matches a real gap to a closure too.
    func withoutClosures(_ pauses: [Range<Int>], synthetic: [(phrase: Span, words: [Span])]) -> [Range<Int>] {
        let frames = syntheticActivity.isSpeech.count
        // Per synthetic frame: silence between two speech frames of the same word.
        var interior = [Bool](repeating: false, count: frames)
        for phrase in synthetic {
            for word in phrase.words where word.end > word.start {
                let range = max(0, word.start)..<min(frames, word.end)
                guard let first = range.first(where: { syntheticActivity.isSpeech[$0] }),
                      let last = range.last(where: { syntheticActivity.isSpeech[$0] }), last > first else { continue }
                for k in first...last where !syntheticActivity.isSpeech[k] { interior[k] = true }
            }
        }
        let rows = warp.path.columnsOfRow
        let longest = max(1, settings.wordByWordPauseMs / 10)
        return pauses.filter { pause in
            guard pause.count < longest else { return true }
            var closure = 0
            for row in pause where row < rows.count {
                if rows[row].allSatisfy({ !warp.synthetic.inserted[$0] && interior[warp.synthetic.frames[$0]] }) { closure += 1 }
            }
            return closure * 2 <= pause.count
        }
    }
}

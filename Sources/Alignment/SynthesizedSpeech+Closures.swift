extension SynthesizedSpeech {
    /// The same speech with each word that eSpeak NG runs into the previous one starting where
    /// the silence of its first closure begins, when one begins at most `searchFrames` frames
    /// after its word event.
    ///
    /// eSpeak NG's word event comes where the word's first phoneme starts, but the previous
    /// word's sound often lasts a frame past it, and a word beginning with a stop ("comma",
    /// "today", "backtick") then has a silence of 30–80 ms just after: its closure. That silence
    /// is where a speaker who pauses between the words pauses, so it is where the optional pause
    /// goes and where the word starts; left after the boundary, it took the recording's pause for
    /// the next word and put that word's start a pause early (`en-words` "O | comma", −357 ms).
    func wordStartsAtClosures(activity: SpeechActivity, hop: Double, searchFrames: Int = 3) -> SynthesizedSpeech {
        var moved = self
        let frames = activity.isSpeech.count
        for p in wordStarts.indices {
            for w in wordStarts[p].indices {
                guard let sample = wordStarts[p][w] else { continue }
                let frame = Int((Double(sample) / hop).rounded())
                guard frame > 0, frame < frames, activity.isSpeech[frame - 1] else { continue }
                // The first silent frame within reach after speech, if the silence lasts 2 frames.
                guard let silence = (frame...min(frames - 2, frame + searchFrames)).first(where: { g in
                    activity.isSpeech[g - 1] && !activity.isSpeech[g] && !activity.isSpeech[g + 1]
                }), silence > frame else { continue }
                let start = Int((Double(silence) * hop).rounded())
                // Never past the next word's start.
                if let next = wordStarts[p][(w + 1)...].lazy.compactMap({ $0 }).first, start >= next { continue }
                moved.wordStarts[p][w] = start
            }
        }
        return moved
    }
}

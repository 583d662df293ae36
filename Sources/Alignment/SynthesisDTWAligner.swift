/// Aligns by speaking the transcript with eSpeak NG and warping the synthetic speech onto the
/// recording.
///
/// 1. Each phrase is spoken by eSpeak NG in the transcript's language; eSpeak NG's word events
///    say where each word begins in the synthetic speech, and its silences where each ends.
/// 2. Both signals become MFCC frames every 10 ms (FFTW real FFT, the same mel filterbank in Hz
///    at each signal's own rate, so no resampling), normalised per signal over its speech frames
///    (mean and variance), which removes most of the difference of voice, channel and level.
/// 3. A short optional pause (150 ms of silence frames) is inserted in the synthetic speech at every word
///    boundary: where the speaker paused between two words (slow reading, words said one by one)
///    the path runs through it; where they did not, stepping over it costs a little (a frame's
///    distance capped at 1.5, half of a well-matched speech frame's). A word that
///    begins with a stop starts, and gets its pause, where the silence of its closure begins
///    (``SynthesizedSpeech/wordStartsAtClosures(activity:hop:searchFrames:)``).
/// 4. Dynamic time warping matches the two frame sequences: first on a 40 ms grid inside a
///    Sakoe-Chiba band (±15 s) around the line joining the two speech starts and the two speech
///    ends, then on the 10 ms grid in a narrow band (±160 ms) around that path. Time and memory
///    grow linearly with the length. Before the fine pass, the synthetic speech is also heard
///    through filterbanks scaled to higher formants (a woman's or a child's shorter vocal tract,
///    eSpeak NG's voices being a man's), each warped near the first coarse path, and the scale
///    that matches best is kept (vocal tract length normalisation; ``Settings/formantScaleMax``).
/// 5. Phrase and word boundaries of the synthetic speech are carried over the path to the
///    recording, then each junction between two phrases (two words) takes the recording's pause
///    within reach, if any, one pause per junction and in order. Every pause of 20 ms or more
///    counts (in told stories the pause between two phrases is often no longer than a stop's
///    closure), found against the recording's true noise floor (its quietest frames, not its 10th
///    percentile, which is quiet speech when it hardly pauses), taken within 0.8 s of each frame
///    where the noise changes along the recording (150 ms of steady noise 25 dB under the speech
///    also counts as a pause where pauses are counted, a list read word by word or said item by
///    item, however loud against that floor: a take noisier than its neighbours); a pause is
///    worth its depth times
///    the log of its length, scaled down with its distance from where the path put the junction,
///    and a longer one may lie further off, after the junction more than before (speakers draw out
///    phrase ends, reverberation trails them)
///    (``BoundaryMapper/resolveJunctions(ends:starts:pauses:reachBefore:reachAfter:margin:rivals:openings:)``);
///    a short pause that the path matched to a closure inside a synthetic word is left to that word.
///    The phrase junctions, placed first, compete for the pauses with the word junctions where the
///    path put them, a word junction's claim worth half a phrase junction's
///    (``Settings/wordRivalWeight``): a phrase that runs into the next is not pulled to the pause
///    between two words of it. A junction that took a stop's closure, with the release (a short
///    island without voice) and then the real pause after it, takes that pause, unless the next
///    word may have begun in the island (``Settings/finalReleaseLongestMs``).
///    The end of the first unit goes to where its sound has faded for good in the pause, the
///    start of the next to where it rises out of it, each with a 20 ms margin. A junction with no
///    pause in reach takes the quietest point of a dip in the level near the path's point, if the
///    level dips there, else the path's point itself. A phrase read word by word (one pause of
///    150 ms or more per word junction, and no other) gives each junction its own pause in order;
///    so does one with exactly one pause of any length per junction, when the path's junctions
///    squeeze or stretch a word more than twice against the phrase's pace and the pauses' do not
///    do so as much (a slip by a word in a list of short, alike words). Then every junction of the
///    recording is given its pause at once, weighing the words' paces; and a list said item by
///    item, whose islands of speech between pauses are about as many as its words, gives its words
///    to the islands by their lengths (Gale and Church's length-based alignment) when they fit
///    its pace better than the path's junctions: a slip over many words is undone there. The
///    lengths are weighed with how each word sounds on the islands it would be given (its
///    synthetic frames warped on their own against the island's speech), so that alike syllables
///    of about the same length do not slip by one there instead. The phrases are counted on the
///    islands between the long pauses (150 ms or more) the same way; where a phrase junction sat
///    on no pause at all, further than a junction reaches from the pause the count gives it, the
///    path lost its way there: the warping of step 4 (its formant scale kept) and this step run
///    again with the path held at the counted phrase pauses, kept when more junctions then sit
///    at them (``Settings/phraseAnchors``).
/// 6. Confidence comes from whether a word's boundaries found a pause (and how close to the
///    path's point) or a dip, whether the word was squeezed or stretched more than twice against
///    its neighbours' pace (a drift by a word swallows or loses one there), and a little from how
///    well its frames matched along the path.
///
/// eSpeak NG is a process-wide C library: alignments from several tasks are safe but their
/// speech synthesis runs one at a time (see ``ESpeakEngine``); feature extraction and warping run
/// in parallel.
public struct SynthesisDTWAligner: TranscriptAligner {
    /// Tuning; the defaults are those measured in `Benchmarks/align`.
    public struct Settings: Sendable, Equatable {
        /// Half-width of the coarse Sakoe-Chiba band, in seconds: how far the speaker may drift
        /// from a steady pace (relative to the synthetic voice) at any point.
        public var bandSeconds: Double = 15
        /// Coarse grid, in 10 ms frames (4: 40 ms).
        public var coarseFactor: Int = 4
        /// Half-width of the fine band around the coarse path, in 10 ms frames.
        public var fineRadius: Int = 16
        /// Length, in 10 ms frames, of the optional pause inserted between synthetic words (0: none).
        public var optionalPauseFrames: Int = 15
        /// What stepping over one frame of a pause of the synthetic speech (a comma, a phrase's
        /// end) costs the path, in units of the normalised feature distance (a well-matched frame
        /// costs about 3).
        public var optionalPauseCost: Float = 0.5
        /// What stepping over one frame of an optional pause inserted between words costs the path:
        /// more than a synthetic pause of eSpeak NG's own, so that where the speaker paused
        /// between words the path goes through the word's own pause instead of stepping over it
        /// and drifting by a word (measured: see Benchmarks/README.md).
        public var insertedPauseCost: Float = 1.5
        /// How far (ms) a phrase junction reaches for a pause after where the path put it, plus
        /// twice the pause's length (the path tends to end a phrase early: final lengthening, a
        /// reverberant tail taken for the synthetic speech's pause); 1.5 times this, how far the
        /// edges of the recording's speech reach for a pause.
        public var phraseReachAfterMs: Int = 400
        /// How far (ms) a phrase junction reaches for a pause before where the path put it, plus
        /// the pause's length.
        public var phraseReachBeforeMs: Int = 200
        /// What a word junction's claim on a pause is worth against a phrase junction's when the
        /// phrase junctions are given their pauses (0: the word junctions are not weighed then).
        /// The phrase junctions are placed first and the words' then inside them; a phrase
        /// junction blind to the words takes whatever pause is within its reach, the deepest
        /// often a few hundred ms off, and the word junction whose pause that was loses it: where
        /// the phrases run into each other with no pause, or a shallow one, the phrase edge is
        /// pulled to a pause between two words of the next phrase. Weighed in the same
        /// assignment, a word junction keeps a pause close to where the path put it against a
        /// phrase junction that lies further off. A pause of ``wordRivalLongestPauseMs`` or more
        /// is left to the phrases. Half: a phrase junction carries a pause far more often than a word
        /// junction, so a word junction needs a claim twice as strong (on the dev sets, boundaries
        /// over 150 ms off, tight / natural / no-gap joins: off 10 / 4 / 208, 0.35 9 / 4 / 181,
        /// 0.5 9 / 4 / 173, 0.75 12 / 4 / 147, 1 13 / 4 / 145; see Benchmarks/README.md).
        public var wordRivalWeight: Double = 0.5
        /// The shortest pause (ms) that no word junction may claim from a phrase junction (see
        /// ``wordRivalWeight``): as long as the pause of a list read word by word
        /// (``wordByWordPauseMs``), longer than most pauses between the words of a sentence. With
        /// no limit, a word junction near a phrase's end took the natural joins' 200–400 ms gaps
        /// (dev: 40 / 51 / 180 boundaries over 150 ms off against 13 / 4 / 145 at the same weight, 1).
        public var wordRivalLongestPauseMs: Int = 150
        /// The longest island of sound (ms) between two pauses that is taken for the release of
        /// the word before a junction, not the start of the word after it (0: off; see
        /// ``BoundaryMapper/keepingFinalRelease(_:candidates:taken:opening:)``). A word-final
        /// stop's burst and aspiration last up to about 100 ms; a speaker releases it where
        /// eSpeak NG often says none ("juliet", "foxtrot" in French), so the path cannot tell.
        public var finalReleaseLongestMs: Int = 120
        /// How far (ms) a word junction reaches for a pause after where the path put it, plus
        /// twice the pause's length.
        public var wordReachAfterMs: Int = 300
        /// How far (ms) a word junction reaches for a pause before where the path put it, plus
        /// the pause's length.
        public var wordReachBeforeMs: Int = 150
        /// Shortest pause (ms) that counts when a phrase is read word by word: with exactly one
        /// such pause per word junction, each junction takes its own (0: never).
        public var wordByWordPauseMs: Int = 150
        /// Whether a phrase with exactly one pause per word junction takes them in order when the
        /// path's junctions have slipped by a word and the pauses keep the pace steadier (see
        /// ``BoundaryMapper/steadier(_:or:from:to:syntheticLengths:)``).
        public var pausePerJunction = true
        /// Shortest pause (ms) where the recording's speech may begin or end.
        public var phrasePauseMs: Int = 80
        /// Shortest pause (ms) a junction may take: in continuous speech, 20 ms of quiet between
        /// two phrases or words is all there is.
        public var shortestPauseMs: Int = 20
        /// Margin (ms) kept around speech when a boundary sits on a pause's edge.
        public var edgeMarginMs: Int = 20
        /// Which percentile of the recording's frame levels is its noise floor, for the pauses the
        /// junctions take (see ``SpeechActivity``).
        public var pauseFloorPercentile: Double = 0.02
        /// How far (ms) either side of a frame the noise floor of the junctions' pauses is looked
        /// for (0: the whole recording's, ``pauseFloorPercentile``): the quietest 30 ms within it,
        /// never under the recording's floor. A noise that changes along the recording (takes
        /// recorded apart and edited together, speakers in different rooms) leaves the pauses of
        /// its noisier parts over a threshold set from the quietest part, and the junctions there
        /// with no pause to take. 0.8 s either side holds a pause in all but the longest runs of
        /// speech and follows a floor that changes from one take to the next (measured on the dev
        /// sets against 1.5 and 3 s: see Benchmarks/README.md).
        public var localFloorMs: Int = 800
        /// Shortest run (ms) of steady noise that counts as a pause whatever the floor around it
        /// (0: none; see ``SpeechActivity/steadyPauses(minimumFrames:toleranceDB:belowSpeechDB:)``):
        /// where the noise changes from one take to the next, a gap of hiss between quieter ones
        /// stays over the threshold set from their floor. It counts where the pauses are counted
        /// (a phrase read word by word, the islands of a list said item by item); a junction's
        /// usual choice weighs a pause by its depth against the local floor, which such a run
        /// lacks. 150 ms, the pause of a list read word by word (``wordByWordPauseMs``); on the
        /// dev sets 100–200 ms did the same. (Taking each run as its own floor instead, so that it
        /// has depth too, put none of the dev slips right; why was not looked into.)
        public var steadyPauseMs: Int = 150
        /// How far (dB) a steady run's frames may stray from their mean: a 10 ms frame of room noise
        /// strays by about 1 dB. On the dev sets 2 and 3 did the same, 4 let closures and faint
        /// consonants in (Benchmarks/README.md).
        public var steadyPauseToleranceDB: Float = 3
        /// How far (dB) under the recording's speech level a steady run must lie: the most a pause's
        /// threshold lies over its floor (``SpeechActivity``), so that nothing steady that the
        /// threshold could call speech against its own floor is taken. 20 did as well on the
        /// natural and tight joins, worse without pauses.
        public var steadyPauseBelowSpeechDB: Float = 25
        /// How much a word's pace straying past twice or half its neighbours' costs against a
        /// pause's evidence when every junction of the recording is given its pause at once (see
        /// ``BoundaryMapper/jointJunctions(_:from:to:syntheticLengths:phraseFinal:pauses:reachBefore:reachAfter:margin:weight:)``;
        /// 0: off).
        public var jointPaceWeight: Double = 4
        /// How far (a ratio) each island of speech's words may stray from their kind's pace when a
        /// list said item by item gives its words to the recording's islands by their lengths (see
        /// ``BoundaryMapper/countedIfSteadier(_:from:to:syntheticLengths:phraseFinal:pauses:margin:syntheticSpans:)``;
        /// 1 or less: off). 2.3: a list whose islands are right strays up to 2.17 times
        /// (`pt-BR-syl-words-dev-natural`, two syllables said without a pause), one whose
        /// islands are wrong 2.5 or more (`it-syl-words-dev-tight`); with the islands counted
        /// down to the longest pauses (``islandPauseWeight`` 0), 2.2 already takes a sentence
        /// recording's closures for a list's gaps (`AlignerTests.untranscribedWord`).
        public var countedIslandsPaceRatio: Double = 2.3
        /// Whether the phrases are warped a second time, held at the recording's long pauses,
        /// when a phrase junction of the first mapping sits on no pause, further than a phrase
        /// junction reaches from the pause that counting the phrases on the islands between the
        /// long pauses gives it (see ``BoundaryMapper/phraseAnchors(_:phrases:speech:)``); the
        /// second mapping is kept when more junctions sit at those pauses.
        public var phraseAnchors = true
        /// What a word pays, per unit of the mean feature distance between it and the stretch of
        /// the recording it is given, when a list's words are given to the islands of speech
        /// (``BoundaryMapper/countedIslands(_:from:to:syntheticLengths:phraseFinal:pauses:margin:syntheticSpans:)``;
        /// see ``WordAcoustics``; 0: lengths only). By their lengths alone, alike syllables slip
        /// by one over many words at the cost of one odd word at each end; heard, each slipped word
        /// sounds 0.2–0.5 worse on its neighbour's island (dev sets), so 2 makes such a word cost
        /// about what a word twice too long does. On the dev sets and their reshuffles
        /// (`--parts dev,dev2,dev3,dev4`), boundaries over 150 ms off, tight / natural / no-gap
        /// joins: 0 85 / 34 / 618, 1 71 / 34 / 476, 2 61 / 34 / 455, 3 68 / 34 / 466 (see
        /// Benchmarks/README.md).
        public var islandSoundWeight: Double = 2
        /// How many islands either side of where the first, lengths-only alignment put a word its
        /// sound is heard at (see ``islandSoundWeight``): a slip of the lengths runs one or two islands. 2 left
        /// some slips (53 tight boundaries over 150 ms off against 22 on `dev4`), 6 did as 4.
        public var islandSoundReach: Int = 4
        /// Whether, when a list's words are given to the islands of speech and two of them share
        /// an island (the gap between them too short to be a pause: a 30 ms gap leaves at most
        /// one 25 ms analysis window in silence), their junction stays where the path and
        /// the other rules put it, if that lies inside the island at a pause or a dip (support
        /// 0.5 or more), rather than where the two words' expected lengths split the island: the
        /// lengths say which island, the recording says where in it. (Dev:
        /// `pt-BR-syl-words-dev-tight` "zo | ga" −152 → within 29 ms, the split having put it
        /// 150 ms before the gap, and no dev set worse.)
        public var countedKeepsInsideJunction = true
        /// When a list's words are given to the islands of speech, what a word pays, times
        /// log₂(1 + the pause's frames), for each pause it spans: every pause is then a place a
        /// junction may take, weighed in the same alignment as the lengths (0: the islands are
        /// cut at the longest pauses until they are as many as the words, and a word spans at
        /// most two). 2: a word spanning a 60 ms gap pays what a word 5 times too long does.
        /// Measured on the dev sets (see Benchmarks/README.md), 1, 3 and 4 were worse.
        public var islandPauseWeight: Double = 2
        /// Whether a pause shorter than ``wordByWordPauseMs`` that the path matched, for most of
        /// its frames, to silence inside one synthetic word (a stop's closure, which the speaker
        /// made too) is left out of the pauses a junction may take (see
        /// ``BoundaryMapper/withoutClosures(_:synthetic:)``): where two words run into each other
        /// with no pause, such a closure within reach pulled the junction to itself.
        public var closuresFromPath = true
        /// How much higher than eSpeak NG's the speaker's formants may lie, as a ratio (1: the
        /// synthetic voice as it is): vocal tract length normalisation. eSpeak NG's voices are a
        /// man's; a woman's vocal tract is about 15 % shorter and a child's up to a third, which
        /// raises every formant as much, and cepstra normalised per signal do not undo that. The
        /// synthetic speech's filterbank is divided by `formantScaleMax^(k / formantScaleSteps)` for
        /// k in 1…steps, and the scale with the least mean cost per cell of a coarse path within
        /// ``formantSearchRadius`` of the unscaled voice's is kept. 1.35: a vocal tract from about
        /// 17 cm (a man's) down to 12.5 cm (a child's). Measured on the dev sets (see
        /// Benchmarks/README.md): it undoes slips in the women's sentence sets.
        public var formantScaleMax: Double = 1.35
        /// Scales tried above 1 (see ``formantScaleMax``; 0: none): 7, steps of about 4.4 %.
        public var formantScaleSteps: Int = 7
        /// Whether scales under 1 (a voice deeper than eSpeak NG's) are tried too, as many as above.
        /// Off: on the dev sets they took a flatter cost's noise for a deeper voice (the Czech
        /// actors, several men in one recording) and put phrases a sentence off.
        public var formantScalesBelow = false
        /// How far (coarse frames, 40 ms) from the unscaled voice's coarse path the scales are
        /// compared, along both signals: 25, about two seconds of synthetic speech either side of
        /// a steady path.
        public var formantSearchRadius: Int = 25


        public init() {}
    }

    public var settings: Settings

    public init(settings: Settings = Settings()) {
        self.settings = settings
    }

    /// Whether eSpeak NG has a voice for `language` (a BCP 47 tag).
    public static func supports(language: String) -> Bool {
        (try? ESpeakEngine.shared.language(for: language)) != nil
    }

    public func align(_ input: AlignmentInput) throws(AlignmentError) -> AlignmentResult {
        try input.validated()
        guard let voice = try ESpeakEngine.shared.language(for: input.language) else {
            throw .unsupportedLanguage(input.language)
        }
        let speech = try ESpeakEngine.shared.synthesize(phrases: input.phrases, language: voice)
        return try align(input, speech: speech)
    }

    /// The alignment of `input` against speech already synthesised.
    func align(_ input: AlignmentInput, speech spoken: SynthesizedSpeech) throws(AlignmentError) -> AlignmentResult {
        // The band both signals have: the telephone band of an 8 kHz recording limits it.
        let highHz = min(7_000, 0.475 * Double(min(input.sampleRate, spoken.sampleRate)))
        let recordingExtractor = MFCCExtractor(sampleRate: input.sampleRate, lowHz: 100, highHz: highHz)
        let scales = settings.formantScales
        let syntheticExtractor = MFCCExtractor(sampleRate: spoken.sampleRate, lowHz: 100, highHz: highHz, frequencyScales: scales)
        var recording = recordingExtractor.features(of: input.samples)
        var synthetic = syntheticExtractor.features(of: spoken.samples)
        let recordingActivity = SpeechActivity(energyDB: recording.energyDB)
        // The pauses the junctions take are found against the recording's true noise floor (its
        // quietest frames): in continuous speech its 10th percentile is quiet speech. The features'
        // normalisation keeps the stricter speech frames above.
        let pauseActivity = Self.pauseActivity(energyDB: recording.energyDB, settings: settings)
        guard let recordingSpeech = recordingActivity.speechExtent, recordingActivity.isReliable else { throw .noSpeechFound }
        let syntheticActivity = SpeechActivity(energyDB: synthetic.energyDB)
        guard let syntheticSpeech = syntheticActivity.speechExtent else { throw .noText }
        let speech = spoken.wordStartsAtClosures(activity: syntheticActivity, hop: syntheticExtractor.hop)
        recording.normalize(where: recordingActivity.isSpeech)
        synthetic.normalize(where: syntheticActivity.isSpeech)

        // Optional pauses before every word that eSpeak NG runs into the previous one.
        var insertions = Set<Int>()
        for (p, starts) in speech.wordStarts.enumerated() {
            let phraseStart = Int((Double(speech.phraseRanges[p].lowerBound) / syntheticExtractor.hop).rounded())
            for start in starts.compactMap({ $0 }) {
                let frame = Int((Double(start) / syntheticExtractor.hop).rounded())
                guard frame > phraseStart + 2, frame < synthetic.count else { continue }
                if syntheticActivity.isSpeech[frame - 1] { insertions.insert(frame) }
            }
        }
        let columns = SyntheticColumns(count: synthetic.count, insertions: insertions, pauseLength: settings.optionalPauseFrames)
        let silenceMask = syntheticActivity.isSpeech.map { !$0 }
        // Inserted pauses and the synthetic speech's own pauses may be stepped over: the speaker
        // need not pause where eSpeak NG does.
        let stepOverCosts = columns.frames.indices.map { column -> Float in
            columns.inserted[column] ? settings.insertedPauseCost
                : syntheticActivity.isSpeech[columns.frames[column]] ? .infinity : settings.optionalPauseCost
        }
        let syntheticSpan = columns.columnsAfter[syntheticSpeech.lowerBound]..<columns.columnsBefore[syntheticSpeech.upperBound]
        var extended = synthetic.expanded(to: columns, silence: synthetic.mean(where: silenceMask))
        let coarseRecording = recording.downsampled(by: max(1, settings.coarseFactor))
        let coarseCosts = coarseStepOverCosts(stepOverCosts)
        var coarse = coarsePath(coarseRecording, extended, coarseCosts: coarseCosts, recordingSpeech: recordingSpeech, syntheticSpeech: syntheticSpan)
        var scale = 1.0
        if scales.count > 1, let heard = formantScaled(spoken.samples, extractor: syntheticExtractor, activity: syntheticActivity, columns: columns,
                                                       matching: coarseRecording, near: coarse, unscaled: extended, coarseCosts: coarseCosts) {
            // Warped again in the whole band with the voice that matches best.
            scale = heard.scale
            extended = heard.features
            coarse = coarsePath(coarseRecording, extended, coarseCosts: coarseCosts, recordingSpeech: recordingSpeech, syntheticSpeech: syntheticSpan)
        }
        let path = finePath(coarse, recording, extended, stepOverCosts: stepOverCosts)

        let voicing = VoicingProbe(samples: input.samples, sampleRate: input.sampleRate, hop: recordingExtractor.hop)
        let acoustics = settings.islandSoundWeight > 0 ? WordAcoustics(recording: recording, synthetic: extended, columns: columns) : nil
        func mapper(_ path: BandedDTW.Path) -> BoundaryMapper {
            BoundaryMapper(
                warp: WarpMap(path: path, synthetic: columns),
                recordingFrames: recording.count,
                syntheticHop: syntheticExtractor.hop,
                syntheticActivity: syntheticActivity,
                recordingActivity: pauseActivity,
                edgeActivity: recordingActivity,
                recordingDurationMs: input.durationMs,
                settings: settings,
                voicing: voicing,
                acoustics: acoustics
            )
        }
        let first = mapper(path)
        var phrases = first.phrases(input.phrases, speech: speech)
        if settings.phraseAnchors, let anchors = first.phraseAnchors(phrases, phrases: input.phrases, speech: speech) {
            // The path slipped by a phrase where the long pauses say otherwise: warped again,
            // held at those pauses.
            let held = anchors.map { (pause: $0.pause, columns: columns.columnsBefore[$0.synthetic.lowerBound]..<columns.columnsAfter[$0.synthetic.upperBound]) }
            let anchored = coarsePath(coarseRecording, extended, coarseCosts: coarseCosts, recordingSpeech: recordingSpeech,
                                      syntheticSpeech: syntheticSpan, anchors: held)
            let second = mapper(finePath(anchored, recording, extended, stepOverCosts: stepOverCosts)).phrases(input.phrases, speech: speech)
            // Kept only where more junctions then sit at the pauses they were held at: the
            // mapping's rules have the last word.
            if first.junctionsHeld(anchors, in: second, phrases: input.phrases) > first.junctionsHeld(anchors, in: phrases, phrases: input.phrases) {
                phrases = second
            }
        }
        return AlignmentResult(phrases: phrases, method: .synthesisDTW(voice: speech.voice), formantScale: scale)
    }

    /// The recording's activity against its true noise floor, local to each frame (see
    /// ``Settings/pauseFloorPercentile`` and ``Settings/localFloorMs``): the pauses the junctions take.
    static func pauseActivity(energyDB: [Float], settings: Settings) -> SpeechActivity {
        SpeechActivity(energyDB: energyDB, floorPercentile: settings.pauseFloorPercentile, ignoringDigitalSilence: true,
                       localFloorRadius: max(0, settings.localFloorMs / 10))
    }
}

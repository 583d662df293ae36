/// Automatic transcript-to-speech alignment: values in, values out.
///
/// An aligner receives a recording as mono PCM samples and the transcript as phrases of words, and
/// finds when each phrase and each word is spoken. Nothing here reads files or talks to a network:
/// callers decode the audio and split the text, and store what comes back.
///
/// Two aligners share the ``TranscriptAligner`` interface; ``AlignerChoice/aligner(for:)`` picks
/// one per language:
/// - ``SynthesisDTWAligner``: speaks the transcript with eSpeak NG in its language and matches the
///   synthetic speech to the recording (MFCC features, dynamic time warping in a band), for the
///   100-odd languages eSpeak NG knows.
/// - ``PauseAligner``: finds the pauses in the recording and matches phrases to the stretches of
///   speech between them by expected length, for every other language (Romani, many African
///   languages).
public protocol TranscriptAligner: Sendable {
    /// Finds the start and end of every phrase and word of `input.phrases` in `input.samples`.
    func align(_ input: AlignmentInput) throws(AlignmentError) -> AlignmentResult
}

/// A recording and the text said in it, as an aligner needs them.
public struct AlignmentInput: Sendable, Equatable {
    /// The recording, mono, nominally in −1…1 (any gain works: features are normalised).
    public var samples: [Float]
    /// Samples per second of `samples`: 4 000 to 384 000 Hz.
    public var sampleRate: Int
    /// The transcript, phrase by phrase, each phrase its words in spoken order. Words are spoken
    /// as written (digits and abbreviations included); punctuation attached to a word is kept for
    /// the speech synthesiser, which pauses on it. A word with nothing to say (a lone `—`) gets a
    /// zero-length time where the word before it ends.
    public var phrases: [[String]]
    /// The language spoken, a BCP 47 tag (`fr`, `en-GB`, `rom`, `und` when unknown).
    public var language: String

    public init(samples: [Float], sampleRate: Int, phrases: [[String]], language: String) {
        self.samples = samples
        self.sampleRate = sampleRate
        self.phrases = phrases
        self.language = language
    }

    /// The recording's length in milliseconds.
    public var durationMs: Int { sampleRate > 0 ? Int((Double(samples.count) * 1000 / Double(sampleRate)).rounded()) : 0 }
}

/// Where the phrases and words of an ``AlignmentInput`` are in its recording.
public struct AlignmentResult: Sendable, Equatable {
    /// One entry per input phrase, in the same order.
    public var phrases: [AlignedPhrase]
    /// How the times were found.
    public var method: AlignmentMethod
    /// How many times higher than the synthetic voice's the speaker's formants were heard (a
    /// shorter vocal tract: a woman's, a child's); 1 when they were taken as they are, and always
    /// for the pause aligner, which hears no voice.
    public var formantScale: Double

    public init(phrases: [AlignedPhrase], method: AlignmentMethod, formantScale: Double = 1) {
        self.phrases = phrases
        self.method = method
        self.formantScale = formantScale
    }

    /// Every word of every phrase, in order.
    public var words: [AlignedWord] { phrases.flatMap(\.words) }
}

/// One phrase of the transcript and where it is spoken.
///
/// Times hug the speech: a pause between two phrases belongs to neither, so `endMs` of one phrase
/// is just (20 ms) after its sound has died away and `startMs` of the next just (20 ms) before it
/// is heard again; they are equal when there is no pause. Start ≤ end, phrases are in order and never
/// overlap, and the words lie within their phrase, the same way.
public struct AlignedPhrase: Sendable, Equatable {
    /// Milliseconds from the start of the recording.
    public var startMs: Int
    /// Milliseconds from the start of the recording.
    public var endMs: Int
    /// 0 (a guess: have a person check it) … 1 (sure).
    public var confidence: Double
    /// One entry per input word of the phrase, in the same order.
    public var words: [AlignedWord]

    public init(startMs: Int, endMs: Int, confidence: Double, words: [AlignedWord]) {
        self.startMs = startMs
        self.endMs = endMs
        self.confidence = confidence
        self.words = words
    }
}

/// One word of the transcript and where it is spoken.
public struct AlignedWord: Sendable, Equatable {
    /// The word as given in ``AlignmentInput/phrases``.
    public var text: String
    /// Milliseconds from the start of the recording.
    public var startMs: Int
    /// Milliseconds from the start of the recording; equal to `startMs` for a word with nothing to say.
    public var endMs: Int
    /// 0 (a guess: have a person check it) … 1 (sure).
    public var confidence: Double

    public init(text: String, startMs: Int, endMs: Int, confidence: Double) {
        self.text = text
        self.startMs = startMs
        self.endMs = endMs
        self.confidence = confidence
    }
}

/// How an ``AlignmentResult`` was found.
public enum AlignmentMethod: Sendable, Equatable, Hashable {
    /// The transcript was spoken by eSpeak NG with `voice` (an eSpeak NG language, `fr`, `en-us`)
    /// and matched to the recording by dynamic time warping.
    case synthesisDTW(voice: String)
    /// Phrases were matched to the stretches of speech between pauses by their expected length.
    case pauses
}

/// Why an alignment could not be made. Bad input is always one of these, never a crash.
public enum AlignmentError: Error, Sendable, Equatable, Hashable, CustomStringConvertible {
    /// The sample rate is outside 4 000…384 000 Hz.
    case unsupportedSampleRate(Int)
    /// The recording is shorter than the 0.1 s an alignment needs.
    case audioTooShort(durationMs: Int)
    /// A sample is NaN or infinite.
    case nonFiniteSample(index: Int)
    /// There are no phrases, or no word in them has anything to say.
    case noText
    /// Phrase `index` has no words.
    case emptyPhrase(index: Int)
    /// The recording holds no speech at all (silence, or a level too even to tell speech from pause).
    case noSpeechFound
    /// The speech synthesiser has no voice for this language (``AlignerChoice`` would have chosen
    /// the ``PauseAligner``).
    case unsupportedLanguage(String)
    /// eSpeak NG failed (its data files missing, a synthesis error); `reason` says how.
    case synthesisFailed(reason: String)

    public var description: String {
        switch self {
        case .unsupportedSampleRate(let rate): "sample rate \(rate) Hz is outside 4000…384000 Hz"
        case .audioTooShort(let ms): "the recording lasts \(ms) ms; at least 100 ms are needed"
        case .nonFiniteSample(let index): "sample \(index) is not a finite number"
        case .noText: "the transcript has nothing to say"
        case .emptyPhrase(let index): "phrase \(index) has no words"
        case .noSpeechFound: "no speech was found in the recording"
        case .unsupportedLanguage(let tag): "eSpeak NG has no voice for language '\(tag)'"
        case .synthesisFailed(let reason): "speech synthesis failed: \(reason)"
        }
    }
}

extension AlignmentInput {
    /// Checks what every aligner needs; throws the first problem found.
    func validated() throws(AlignmentError) {
        guard (4_000...384_000).contains(sampleRate) else { throw .unsupportedSampleRate(sampleRate) }
        guard samples.count * 10 >= sampleRate else { throw .audioTooShort(durationMs: durationMs) }
        if let index = samples.firstIndex(where: { !$0.isFinite }) { throw .nonFiniteSample(index: index) }
        guard !phrases.isEmpty else { throw .noText }
        if let index = phrases.firstIndex(where: \.isEmpty) { throw .emptyPhrase(index: index) }
        guard phrases.contains(where: { $0.contains(where: AlignmentText.isSpeakable) }) else { throw .noText }
    }
}

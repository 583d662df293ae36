import CEspeakNG
import Synchronization

/// A transcript spoken by eSpeak NG, with where each phrase and word lies in the synthetic audio.
struct SynthesizedSpeech: Sendable {
    /// Mono samples at `sampleRate`, −1…1.
    var samples: [Float]
    /// eSpeak NG's output rate (22 050 Hz).
    var sampleRate: Int
    /// Per phrase, the samples eSpeak NG produced for it (its own short silences included); phrase
    /// ranges follow each other, separated by ``ESpeakEngine/phraseGap`` of silence.
    var phraseRanges: [Range<Int>]
    /// Per phrase, per word: the sample where eSpeak NG began to say the word (its word event), or
    /// `nil` when it said nothing for it (punctuation only, or merged into a neighbour).
    var wordStarts: [[Int?]]
    /// Per phrase, per word: the first phoneme eSpeak NG said for it, in IPA (`s`, `ʃ`, `k`, `a`),
    /// or `nil` when it said nothing for it. Where a word begins is phonetic, not spelled: a
    /// Russian "в" before a voiceless consonant is `f`.
    var wordFirstPhonemes: [[String?]] = []
    /// The eSpeak NG language that spoke.
    var voice: String
}

/// The process's one eSpeak NG instance.
///
/// The same phrases in the same language give the same samples on every call, in any process:
/// see ``ESpeakSteadyVoice`` for what eSpeak NG carries from one synthesis into the next and how
/// it is neutralised.
///
/// eSpeak NG keeps all its state in C globals (voice, parameters, the output callback) and is not
/// thread-safe, so every call into it goes through the one `Mutex` here: syntheses from several
/// threads or tasks run one after the other, never interleaved. Holding the lock across a whole
/// transcript keeps the selected voice and the callback's collector consistent. The library is
/// initialised on first use (`AUDIO_OUTPUT_SYNCHRONOUS`: `espeak_Synth` returns when the speech
/// is done, delivering it through the callback on the calling thread) and stays loaded.
final class ESpeakEngine: Sendable {
    static let shared = ESpeakEngine()

    /// Silence put between two phrases' syntheses.
    static let phraseGapSeconds = 0.25

    /// One eSpeak NG voice: its languages (lower-case, `fr`, `en-us`), most preferred first.
    struct Voice: Sendable {
        var name: String
        var identifier: String
        var languages: [(priority: Int, language: String)]
    }

    private struct State: ~Copyable {
        var sampleRate = 0
        var voices: [Voice] = []
        var failure: String?
        var initialized = false
        var currentVoice: String?
    }

    private let state = Mutex(State())

    private init() {}

    /// The eSpeak NG language to use for a BCP 47 tag, or `nil` when eSpeak NG has no voice for it.
    ///
    /// The tag is tried whole, then shorter by one subtag at a time (`en-GB-oxendict` → `en-gb`,
    /// `en`), against the languages the installed voices declare; the voice that declares it with the
    /// highest preference wins. A few tags eSpeak NG spells differently are mapped (`zh` → `cmn`,
    /// `no` → `nb`, `iw` → `he`). Romani (`rom`, `rmy`…) is not Romanian (`ro`): subtags match whole.
    func language(for tag: String) throws(AlignmentError) -> String? {
        let voices = try withEngine { state throws(AlignmentError) in state.voices }
        return Self.resolve(tag, in: voices)
    }

    /// Every language the installed voices declare, each once, sorted.
    func languages() throws(AlignmentError) -> [String] {
        let voices = try withEngine { state throws(AlignmentError) in state.voices }
        return Set(voices.flatMap { $0.languages.map(\.language) }).sorted()
    }

    static func resolve(_ tag: String, in voices: [Voice]) -> String? {
        var subtags = tag.lowercased().split(whereSeparator: { $0 == "-" || $0 == "_" }).map(String.init)
        guard let primary = subtags.first, primary != "und", primary.allSatisfy({ $0.isLetter && $0.isASCII }) else { return nil }
        let aliases = ["zh": "cmn", "no": "nb", "iw": "he", "in": "id", "tl": "fil"]
        subtags[0] = aliases[primary] ?? primary
        // Script subtags (Latn, Cyrl…) are not in eSpeak NG's names, except where they are (pinyin):
        // try with them first, then without.
        var candidates: [String] = []
        var remaining = subtags
        while !remaining.isEmpty {
            candidates.append(remaining.joined(separator: "-"))
            remaining.removeLast()
        }
        let withoutScript = subtags.filter { !($0.count == 4 && $0 != subtags[0]) }
        if withoutScript != subtags {
            var rest = withoutScript
            while !rest.isEmpty {
                let candidate = rest.joined(separator: "-")
                if !candidates.contains(candidate) { candidates.append(candidate) }
                rest.removeLast()
            }
        }
        // A regional variety eSpeak NG speaks under a wider name, tried before the bare language.
        if let variety = variety(of: subtags), !candidates.contains(variety) {
            candidates.insert(variety, at: candidates.firstIndex(of: subtags[0]) ?? candidates.count)
        }
        for candidate in candidates {
            var best: (priority: Int, language: String)?
            for voice in voices {
                for entry in voice.languages where entry.language == candidate {
                    if best == nil || entry.priority < best!.priority { best = entry }
                }
            }
            if let best { return best.language }
        }
        return nil
    }

    /// The eSpeak NG variety for a tag's region when eSpeak NG has none of that exact name:
    /// Spanish outside Spain and Equatorial Guinea is Latin American (`es-419`: [s] for z and c,
    /// as the speaker says them; `es-MX` is declared by that voice itself, `es-CO`, `es-AR`,
    /// `es-US` are not).
    static func variety(of subtags: [String]) -> String? {
        guard subtags.first == "es", let region = subtags.dropFirst().first(where: { $0.count == 2 || ($0.count == 3 && $0.allSatisfy(\.isNumber)) }),
              region != "es", region != "gq" else { return nil }
        return "es-419"
    }

    /// Speaks `phrases` in `language` (an eSpeak NG language from ``language(for:)``), each phrase
    /// on its own, with ``phraseGapSeconds`` of silence between phrases.
    func synthesize(phrases: [[String]], language: String) throws(AlignmentError) -> SynthesizedSpeech {
        try withEngine { state throws(AlignmentError) in
            if state.currentVoice != language {
                var spec = espeak_VOICE()
                var status = language.withCString { name -> espeak_ERROR in
                    spec.languages = name
                    return espeak_SetVoiceByProperties(&spec)
                }
                // A language eSpeak NG lists but does not find its voice by (Cherokee's
                // `chr-US-Qaaa-x-west`): that voice by its file.
                if status != EE_OK, let voice = state.voices.first(where: { $0.languages.contains { $0.language == language } }) {
                    status = espeak_SetVoiceByName(voice.identifier)
                }
                guard status == EE_OK else { throw .synthesisFailed(reason: "eSpeak NG could not select a voice for '\(language)'") }
                // Its steady copy, when it can be made; otherwise the voice as selected, which
                // speaks the same text slightly differently from call to call.
                _ = ESpeakSteadyVoice.load()
                state.currentVoice = language
            }
            ESpeakSteadyVoice.resetPhonemeList()
            let collector = SynthesisCollector()
            let gap = Int((Self.phraseGapSeconds * Double(state.sampleRate)).rounded())
            var phraseRanges: [Range<Int>] = []
            var wordStarts: [[Int?]] = []
            var wordFirstPhonemes: [[String?]] = []
            for phrase in phrases {
                let (text, wordScalarRanges) = Self.text(of: phrase)
                let start = collector.samples.count
                collector.wordEvents.removeAll(keepingCapacity: true)
                collector.firstPhonemes.removeAll(keepingCapacity: true)
                if !text.isEmpty {
                    let unmanaged = Unmanaged.passUnretained(collector)
                    var bytes = Array(text.utf8CString)
                    let status = bytes.withUnsafeMutableBufferPointer { buffer in
                        espeak_Synth(buffer.baseAddress, buffer.count, 0, POS_CHARACTER, 0,
                                     UInt32(espeakCHARS_UTF8), nil, unmanaged.toOpaque())
                    }
                    guard status == EE_OK else { throw .synthesisFailed(reason: "espeak_Synth returned \(status.rawValue)") }
                }
                let end = collector.samples.count
                phraseRanges.append(start..<end)
                // Word events name the text position (1-based, in characters) where a word begins and
                // the time (ms from the start of this call's output) it begins at.
                var starts = [Int?](repeating: nil, count: phrase.count)
                var phonemes = [String?](repeating: nil, count: phrase.count)
                for (index, event) in collector.wordEvents.enumerated() {
                    let position = event.textPosition - 1
                    guard let word = wordScalarRanges.firstIndex(where: { $0.contains(position) }) else { continue }
                    if starts[word] == nil {
                        starts[word] = start + event.milliseconds * state.sampleRate / 1000
                        phonemes[word] = collector.firstPhonemes[index]
                    }
                }
                wordStarts.append(starts)
                wordFirstPhonemes.append(phonemes)
                collector.samples.append(contentsOf: repeatElement(0, count: gap))
            }
            let scale = Float(1) / 32768
            return SynthesizedSpeech(
                samples: collector.samples.map { Float($0) * scale },
                sampleRate: state.sampleRate,
                phraseRanges: phraseRanges,
                wordStarts: wordStarts,
                wordFirstPhonemes: wordFirstPhonemes,
                voice: language
            )
        }
    }

    /// The text eSpeak NG speaks for a phrase (its words joined by spaces) and, per word, the range
    /// of Unicode scalar positions it occupies (eSpeak NG's text positions count characters decoded
    /// from UTF-8, i.e. scalars). Words with nothing to say are left out of the text.
    static func text(of phrase: [String]) -> (String, [Range<Int>]) {
        var text = "", ranges: [Range<Int>] = [], position = 0
        for word in phrase {
            guard AlignmentText.isSpeakable(word) else {
                ranges.append(position..<position)
                continue
            }
            if !text.isEmpty {
                text += " "
                position += 1
            }
            // eSpeak NG reads `<` `>` `&` literally without the SSML flag; control characters go.
            let clean = String(String.UnicodeScalarView(word.unicodeScalars.map { $0.properties.generalCategory == .control ? " " : $0 }))
            let count = clean.unicodeScalars.count
            ranges.append(position..<(position + count))
            text += clean
            position += count
        }
        return (text, ranges)
    }

    /// Runs `body` with eSpeak NG initialised, holding the lock.
    private func withEngine<T>(_ body: (inout State) throws(AlignmentError) -> T) throws(AlignmentError) -> T {
        try state.withLock { (state: inout State) throws(AlignmentError) -> T in
            if !state.initialized {
                state.initialized = true
                Self.initialize(&state)
            }
            if let failure = state.failure { throw .synthesisFailed(reason: failure) }
            return try body(&state)
        }
    }

    private static func initialize(_ state: inout State) {
        // DONT_EXIT: without it a missing data folder makes eSpeak NG call exit(). Phoneme events,
        // named in IPA: each word's first phoneme (see SynthesizedSpeech.wordFirstPhonemes).
        let options = espeakINITIALIZE_DONT_EXIT | espeakINITIALIZE_PHONEME_EVENTS | espeakINITIALIZE_PHONEME_IPA
        let rate = espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 500, nil, Int32(options))
        guard rate > 0 else {
            state.failure = "espeak_Initialize failed (is espeak-ng-data installed?)"
            return
        }
        state.sampleRate = Int(rate)
        espeak_SetSynthCallback(synthesisCallback)
        var voices: [Voice] = []
        if let list = espeak_ListVoices(nil) {
            var index = 0
            while let voice = list[index] {
                index += 1
                var languages: [(Int, String)] = []
                if var cursor = voice.pointee.languages {
                    // Pairs of (priority byte, NUL-terminated name), ended by a zero priority byte.
                    while cursor.pointee != 0 {
                        let priority = Int(UInt8(bitPattern: cursor.pointee))
                        let name = String(cString: cursor + 1)
                        languages.append((priority, name.lowercased()))
                        cursor += 2 + name.utf8.count
                    }
                }
                voices.append(Voice(
                    name: voice.pointee.name.map { String(cString: $0) } ?? "",
                    identifier: voice.pointee.identifier.map { String(cString: $0) } ?? "",
                    languages: languages
                ))
            }
        }
        state.voices = voices
    }
}

/// Receives eSpeak NG's output for one synthesis; reached from the C callback through `user_data`.
final class SynthesisCollector {
    var samples: [Int16] = []
    /// Word events of the phrase being spoken: text position (1-based, in characters) and time
    /// from the start of that `espeak_Synth` call.
    var wordEvents: [(textPosition: Int, milliseconds: Int)] = []
    /// Per word event, the IPA name of the first sounding phoneme after it (nil before one comes).
    var firstPhonemes: [String?] = []

    init() { samples.reserveCapacity(1 << 20) }
}

/// eSpeak NG's synthesis callback: a C function, so it reaches its collector through the
/// `user_data` given to `espeak_Synth`, which eSpeak NG copies into every event.
private let synthesisCallback: @convention(c) (UnsafeMutablePointer<Int16>?, Int32, UnsafeMutablePointer<espeak_EVENT>?) -> Int32 = { wav, count, events in
    guard let events, let userData = events.pointee.user_data else { return 0 }
    let collector = Unmanaged<SynthesisCollector>.fromOpaque(userData).takeUnretainedValue()
    var index = 0
    while events[index].type != espeakEVENT_LIST_TERMINATED {
        let event = events[index]
        if event.type == espeakEVENT_WORD {
            collector.wordEvents.append((Int(event.text_position), Int(event.audio_position)))
            collector.firstPhonemes.append(nil)
        } else if event.type == espeakEVENT_PHONEME, collector.firstPhonemes.last == .some(nil) {
            // The name is UTF-8 in 8 bytes, zero-terminated unless it fills them; pauses and
            // stress marks have no letter and are skipped.
            let name = withUnsafeBytes(of: event.id.string) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name.unicodeScalars.first?.properties.isAlphabetic == true {
                collector.firstPhonemes[collector.firstPhonemes.count - 1] = name
            }
        }
        index += 1
    }
    if let wav, count > 0 {
        collector.samples.append(contentsOf: UnsafeBufferPointer(start: wav, count: Int(count)))
    }
    return 0  // continue
}

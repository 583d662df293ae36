import CEspeakNG
import Foundation

/// What makes eSpeak NG speak the same text to the same sample on every call in a process.
///
/// eSpeak NG 1.51 carries state from one synthesis into the next in four places (found by
/// synthesising the same text after different ones and comparing the samples; none of it is
/// reset through its API):
/// 1. Pitch flutter: `AdvanceParameters` (wavegen.c) adds a small pitch variation read from a
///    table through a static index that is never reset, so each call starts at another place in
///    the table. Pitch periods, and with them the speech's length, change by a few samples.
/// 2. Roughness: every n-th glottal cycle of some vowels is made quieter, counted by a static
///    cycle counter in `Wavegen` that is never reset either.
/// 3. Clause-end pauses: `MakePhonemeList` (phonemelist.c) writes only some fields of the two
///    pause entries that end a clause; the rest keep what an earlier, longer clause left at that
///    place in the phoneme list, and `CalcLengths` reads them. A comma's pause or the final pause
///    grows by 9–49 ms depending on what was said before (`es` #3 in `Benchmarks/align`: found
///    on a process's first alignment, missed by 649 ms on later ones).
/// 4. Speed: a voice file's `speed` (Russian's 95 %) stays in force for the voices loaded after
///    it, which do not set their own (Spanish after Russian: 5 % slower, every sample moved).
///
/// The synthetic voice therefore has flutter and roughness off (a copy of the language's voice
/// file with `flutter 0`, `roughness 8`, and no breath noise, which uses `rand()`; neither
/// matters to the aligner's cepstra) and its own speed (100 % where the file sets none), and
/// before each transcript one long clause is translated to phonemes (no sound), which rewrites
/// every place of the phoneme list the same way.
enum ESpeakSteadyVoice {
    /// Lines appended to the language's voice file: no pitch flutter, no roughness (8 is past
    /// eSpeak NG's roughness table, which turns the amplitude modulation off).
    static let overrides = "\nflutter 0\nroughness 8\n"

    /// The voice file to load: the language's own, with ``overrides``, and breath noise (random,
    /// used by a few languages such as Latvian) silenced.
    static func definition(original: String) -> String {
        func declares(_ keyword: String) -> Bool {
            original.split(whereSeparator: \.isNewline).contains { $0.split(whereSeparator: \.isWhitespace).first.map(String.init) == keyword }
        }
        // A voice file's `speed` (Russian's 95 %) outlives its voice: eSpeak NG does not reset it
        // when the next voice is loaded, so Spanish spoken after Russian came out 5 % slower.
        // Every voice that sets none says its own 100 %.
        return original + overrides + (declares("breath") ? "breath 0\n" : "") + (declares("speed") ? "" : "speed 100\n")
    }

    /// Replaces the voice just selected by language with its steady copy. Returns false (the
    /// selected voice stays, speaking as eSpeak NG normally does) when its voice file cannot be
    /// read or the copy cannot be written or loaded.
    static func load() -> Bool {
        var dataPointer: UnsafePointer<CChar>?
        _ = espeak_Info(&dataPointer)
        guard let dataPointer, let identifierPointer = espeak_GetCurrentVoice()?.pointee.identifier else { return false }
        let data = String(cString: dataPointer), identifier = String(cString: identifierPointer)
        // Where eSpeak NG's LoadVoice looks for a voice named by its identifier.
        let candidates = ["\(data)/voices/\(identifier)", "\(data)/lang/\(identifier)"]
        guard let original = candidates.lazy.compactMap({ try? String(contentsOfFile: $0, encoding: .utf8) }).first else { return false }
        // espeak_SetVoiceByFile lower-cases the path and keeps at most 59 bytes of it: a short,
        // lower-case name of our own, created exclusively (no following a planted link), removed
        // as soon as it is read.
        let path = "/tmp/parlons-espeak-\(getpid())-\(String(UInt64.random(in: 0...UInt64.max), radix: 16))"
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, 0o600)
        guard descriptor >= 0 else { return false }
        defer { unlink(path) }
        let bytes = Array(definition(original: original).utf8)
        let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        close(descriptor)
        guard written == bytes.count else { return false }
        return espeak_SetVoiceByFile(path) == EE_OK
    }

    /// One clause long enough to fill eSpeak NG's phoneme list (1000 entries): numbers, which
    /// every language expands to many phonemes.
    static let clauseFiller = Array(repeating: "1234567", count: 100).joined(separator: " ")

    /// Rewrites every place of eSpeak NG's phoneme list the same way (translation only, no sound;
    /// about 1–5 ms), so the pauses that end the next synthesis' clauses do not depend on what was
    /// spoken before.
    static func resetPhonemeList() {
        clauseFiller.withCString { text in
            var cursor: UnsafeRawPointer? = UnsafeRawPointer(text)
            var clauses = 0
            while cursor != nil, clauses < 16 {
                _ = espeak_TextToPhonemes(&cursor, Int32(espeakCHARS_UTF8), 0)
                clauses += 1
            }
        }
    }
}

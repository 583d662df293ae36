import Foundation
import TestSupport
import Testing
import Transcripts
@testable import Alignment

/// The aligners on speech whose boundaries are known: eSpeak NG sentences (a different voice and
/// speed from the aligner's own) joined with known silences, real speech (Asterisk prompts), and
/// the pause aligner on speech with known pauses.
@Suite("Aligners")
struct AlignerTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    /// Speech from the espeak-ng command line, its samples and rate.
    static func spoken(_ text: String, voice: String, speed: Int) throws -> (samples: [Float], rate: Int) {
        let directory = try ExternalTool.temporaryDirectory("parlons-align")
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("speech.wav")
        try ExternalTool.run("espeak-ng", ["-v", voice, "-s", String(speed), "-w", file.path, text])
        let (samples, format) = try AudioDecoding.wav([UInt8](Data(contentsOf: file)))
        return (samples, format.sampleRate)
    }

    /// Pieces of speech joined by the given silences (with a little noise, as a room has), and
    /// where the speech of each piece starts and ends (ms): its first and last 5 ms above −54 dBFS
    /// RMS (eSpeak NG's speech fades into a long tail near −63 dBFS, which is not counted).
    static func joined(_ pieces: [[Float]], rate: Int, silencesMs: [Int], leadMs: Int = 300) -> (samples: [Float], truth: [(start: Double, end: Double)]) {
        var generator = SystemRandomNumberGenerator()
        func silence(_ ms: Int) -> [Float] { (0..<(ms * rate / 1000)).map { _ in Float.random(in: -0.0005...0.0005, using: &generator) } }
        var samples = silence(leadMs)
        var truth: [(Double, Double)] = []
        for (i, piece) in pieces.enumerated() {
            let block = rate / 200
            let loud = stride(from: 0, to: piece.count - block, by: block).filter { start in
                (piece[start..<(start + block)].reduce(0) { $0 + $1 * $1 } / Float(block)).squareRoot() > 0.002
            }
            let first = loud.first ?? 0, last = (loud.last ?? piece.count - block) + block
            let offset = samples.count
            truth.append((Double(offset + first) * 1000 / Double(rate), Double(offset + last) * 1000 / Double(rate)))
            samples += piece.map { $0 + Float.random(in: -0.0005...0.0005, using: &generator) }
            samples += silence(i < silencesMs.count ? silencesMs[i] : leadMs)
        }
        return (samples, truth)
    }

    /// The boundary between consecutive intervals: the middle of one's end and the next one's start.
    static func junctions(_ intervals: [(start: Double, end: Double)]) -> [Double] {
        zip(intervals, intervals.dropFirst()).map { ($0.end + $1.start) / 2 }
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }

    static let englishPhrases = [
        "Please enter your password, then press the pound key.",
        "The doctor asked how long she had been ill.",
        "We go to the market on Saturday morning.",
        "Thank you for calling, goodbye.",
    ]

    @Test("Synthesis + DTW, synthetic speech: every phrase edge within 50 ms, confident")
    func synthesisPhrases() throws {
        // Another voice (female variant) and a slower pace than the aligner's own eSpeak NG.
        let pieces = try Self.englishPhrases.map { try Self.spoken($0, voice: "en-us+f3", speed: 140) }
        let rate = pieces[0].rate
        let (samples, truth) = Self.joined(pieces.map(\.samples), rate: rate, silencesMs: [350, 600, 250])
        let input = AlignmentInput(samples: samples, sampleRate: rate,
                                   phrases: Self.englishPhrases.map { $0.split(separator: " ").map(String.init) }, language: "en-US")
        let result = try SynthesisDTWAligner().align(input)
        #expect(result.method == .synthesisDTW(voice: "en-us"))
        #expect(result.phrases.count == 4)
        for (phrase, expected) in zip(result.phrases, truth) {
            #expect(abs(Double(phrase.startMs) - expected.start) <= 50, "start \(phrase.startMs) vs \(expected.start)")
            #expect(abs(Double(phrase.endMs) - expected.end) <= 50, "end \(phrase.endMs) vs \(expected.end)")
            #expect(phrase.confidence > 0.5)
            #expect(phrase.words.allSatisfy { $0.startMs >= phrase.startMs && $0.endMs <= phrase.endMs && $0.startMs <= $0.endMs })
            #expect(zip(phrase.words, phrase.words.dropFirst()).allSatisfy { $0.endMs <= $1.startMs })
        }
    }

    /// Continuous speech: phrases that run into each other with 40–70 ms between them, while the
    /// second has a comma pause of its own (a few hundred ms in this voice) just after its first
    /// word. The junctions must take the short gaps, not the comma's longer pause nearby.
    @Test("Synthesis + DTW, phrases 40–70 ms apart: each boundary in its short gap, not at a comma's longer pause")
    func tightPhrases() throws {
        let texts = ["We go to the market on Saturday morning.", "Yes, the doctor asked how long she had been ill.",
                     "Thank you for calling.", "Please enter your password, then press the pound key."]
        let pieces = try texts.map { try Self.spoken($0, voice: "en-us+f3", speed: 150) }
        let rate = pieces[0].rate
        // eSpeak NG's own speech ends and starts with silence: cut each piece to its voice first.
        let voiced = pieces.map { piece -> [Float] in
            let block = rate / 200
            let loud = stride(from: 0, to: piece.samples.count - block, by: block).filter { start in
                (piece.samples[start..<(start + block)].reduce(0) { $0 + $1 * $1 } / Float(block)).squareRoot() > 0.002
            }
            return Array(piece.samples[(loud.first ?? 0)..<((loud.last ?? 0) + block)])
        }
        let gaps = [40, 70, 50]
        let (samples, _) = Self.joined(voiced, rate: rate, silencesMs: gaps)
        // The truth: the middle of each gap (the pieces are cut at their first and last loud 5 ms).
        var truth: [Double] = [], cursor = 300.0
        for (piece, gap) in zip(voiced, gaps) {
            cursor += Double(piece.count) * 1000 / Double(rate)
            truth.append(cursor + Double(gap) / 2)
            cursor += Double(gap)
        }
        let input = AlignmentInput(samples: samples, sampleRate: rate,
                                   phrases: texts.map { $0.split(separator: " ").map(String.init) }, language: "en-US")
        let result = try SynthesisDTWAligner().align(input)
        let found = Self.junctions(result.phrases.map { (Double($0.startMs), Double($0.endMs)) })
        let errors = zip(found, truth).map { abs($0 - $1) }
        #expect(errors.count == 3)
        #expect(errors.allSatisfy { $0 <= 40 }, "\(errors)")
    }

    @Test("Synthesis + DTW, words said one by one: word boundaries median ≤ 40 ms, all ≤ 100 ms")
    func synthesisWords() throws {
        let words = ["Monday", "seven", "doctor", "apple", "window", "sixteen", "market", "yellow"]
        let pieces = try words.map { try Self.spoken($0, voice: "en-us+m3", speed: 120) }
        let rate = pieces[0].rate
        let (samples, truth) = Self.joined(pieces.map(\.samples), rate: rate, silencesMs: [180, 250, 150, 300, 200, 160, 220])
        let input = AlignmentInput(samples: samples, sampleRate: rate, phrases: [Array(words[0..<4]), Array(words[4...])], language: "en")
        let result = try SynthesisDTWAligner().align(input)
        let found = Self.junctions(result.words.map { (Double($0.startMs), Double($0.endMs)) })
        let errors = zip(found, Self.junctions(truth)).map { abs($0 - $1) }
        #expect(Self.median(errors) <= 40, "\(errors)")
        #expect(errors.allSatisfy { $0 <= 100 }, "\(errors)")
    }

    /// A fixture made by make-alignment-fixture.sh, with one phrase per text (words split at spaces).
    static func asteriskInput(_ file: String, texts: [String], language: String) throws -> AlignmentInput {
        let (samples, format) = try AudioDecoding.wav([UInt8](try Data(contentsOf: fixtures.appendingPathComponent(file))))
        return AlignmentInput(samples: samples, sampleRate: format.sampleRate,
                              phrases: texts.map { $0.split(separator: " ").map(String.init) }, language: language)
    }

    /// Tests/Fixtures/asterisk-prompts-en.wav (made by make-alignment-fixture.sh).
    static let asteriskTexts = ["One moment, please.", "Please try again.", "Do not disturb.", "Thank you for your patience"]
    /// Each prompt's speech (ms in the fixture), as Benchmarks/align measures it on the prompt's own
    /// file: its first and last 10 ms frame within 40 dB of its loudest frame. The prompts are
    /// concatenated as they are (at 1582.5, 2827.75 and 4198.25 ms), so each junction is a pause
    /// made of one prompt's trailing silence and the next one's leading silence.
    static let asteriskSpeechMs: [(start: Double, end: Double)] = [(80, 1430), (1672.5, 2792.5), (2957.75, 4097.75), (4228.25, 5598.25)]

    @Test("Synthesis + DTW, real speech (Asterisk prompts): boundaries in the middle of the pauses, phrase edges at the speech's")
    func realSpeech() throws {
        let input = try Self.asteriskInput("asterisk-prompts-en.wav", texts: Self.asteriskTexts, language: "en")
        let result = try AlignerChoice.aligner(for: "en").align(input)
        let found = Self.junctions(result.phrases.map { (Double($0.startMs), Double($0.endMs)) })
        let errors = zip(found, Self.junctions(Self.asteriskSpeechMs)).map { abs($0 - $1) }
        #expect(errors.count == 3)
        #expect(Self.median(errors) <= 20, "\(errors)")
        #expect(errors.allSatisfy { $0 <= 40 }, "\(errors)")
        // Each phrase starts just before its speech and ends where it has died away.
        for (phrase, speech) in zip(result.phrases, Self.asteriskSpeechMs) {
            #expect(abs(Double(phrase.startMs) - speech.start) <= 40, "start \(phrase.startMs) vs \(speech.start)")
            #expect(abs(Double(phrase.endMs) - speech.end) <= 40, "end \(phrase.endMs) vs \(speech.end)")
        }
        #expect(result.phrases.allSatisfy { $0.confidence > 0.4 })
    }

    /// Tests/Fixtures/asterisk-prompts-fr.wav (made by make-alignment-fixture.sh), with the package's
    /// texts as they are: the second leaves out the speaker's last word ("… appuyez sur").
    static let frenchTexts = ["Merci.", "Si c'est exact appuyer…",
                              "Pour augmenter le volume de votre voix, tel qu'entendue par les autres participants...\""]
    /// Each prompt's speech (ms in the fixture), measured as for `asteriskSpeechMs`.
    static let frenchSpeechMs: [(start: Double, end: Double)] = [(50, 700), (939.75, 3389.75), (3637.875, 8137.875)]

    @Test("Synthesis + DTW, a word left out of the transcript: the phrase junction takes the real pause, not a weak [s]")
    func untranscribedWord() throws {
        let input = try Self.asteriskInput("asterisk-prompts-fr.wav", texts: Self.frenchTexts, language: "fr")
        let result = try SynthesisDTWAligner().align(input)
        let found = Self.junctions(result.phrases.map { (Double($0.startMs), Double($0.endMs)) })
        let errors = zip(found, Self.junctions(Self.frenchSpeechMs)).map { abs($0 - $1) }
        #expect(errors.count == 2)
        // The quiet [s] of the untranscribed "sur" (380 ms before the pause) is not taken for it.
        #expect(errors.allSatisfy { $0 <= 60 }, "\(errors)")
        #expect(abs(Double(result.phrases[1].endMs) - Self.frenchSpeechMs[1].end) <= 40, "end \(result.phrases[1].endMs)")
    }

    @Test("A pause's depth: 1 at the noise floor, 0 at the speech threshold, in between for a quiet stretch")
    func pauseDepth() {
        // Floor -90 dB, speech -20 dB: the threshold is a third of the way up, -66.7 dB. A stretch
        // at -75 dB (a weak fricative, a breathy syllable) is a pause, but a shallow one.
        let energies: [Float] = Array(repeating: -90, count: 40) + Array(repeating: -20, count: 60)
            + Array(repeating: -75, count: 20) + Array(repeating: -20, count: 60) + Array(repeating: -90, count: 30)
        let activity = SpeechActivity(energyDB: energies)
        #expect(activity.pauses(minimumFrames: 8) == [0..<40, 100..<120, 180..<210])
        #expect(activity.depth(of: 0..<40) == 1)
        #expect(activity.depth(of: 180..<210) == 1)
        #expect(abs(activity.depth(of: 100..<120) - 8.33 / 23.33) < 0.01, "\(activity.depth(of: 100..<120))")
        #expect(activity.depth(of: 40..<100) == 0)
    }

    /// Two takes edited together: the first recorded in a quiet room (pauses at −90 dBFS), the
    /// second over a fan (pauses at −55 dBFS), the voice at −20 dBFS in both. Against the whole
    /// recording's floor (−90 dB, threshold −67 dB) the second take's pauses are speech; against
    /// the noise around them they are pauses, as deep as the first take's.
    @Test("The junctions' pauses are found against the noise around them when it changes along the recording")
    func localNoiseFloor() {
        let quietTake: [Float] = Array(repeating: -90, count: 50) + Array(repeating: -20, count: 100)
            + Array(repeating: -90, count: 8) + Array(repeating: -20, count: 100)
        let noisyTake: [Float] = Array(repeating: -55, count: 150) + Array(repeating: -20, count: 100)
            + Array(repeating: -55, count: 8) + Array(repeating: -20, count: 100) + Array(repeating: -55, count: 50)
        let energies = quietTake + noisyTake
        let activity = SynthesisDTWAligner.pauseActivity(energyDB: energies, settings: .init())
        let pauses = activity.pauses(minimumFrames: 2)
        // The quiet take's pause between its two phrases, and the noisy take's, whole.
        #expect(pauses.contains(150..<158), "\(pauses)")
        #expect(pauses.contains(508..<516), "\(pauses)")
        #expect(activity.depth(of: 508..<516) == 1)
        // The noisy take's voice stays speech.
        #expect(activity.isSpeech[450] && activity.isSpeech[560])
    }

    /// A recording cut right at the voice: its first word starts at its first frames, and its own
    /// pause after it is the pause nearest to where the path starts the speech. Where the speech
    /// itself starts competes with that pause's end by distance, or the first word is squeezed to
    /// nothing (and the same at the end).
    @Test("A recording that starts and ends in speech: its edges are where its first and last word start and end")
    func speechAtTheEdges() {
        // Speech, a 200 ms pause, speech, a 300 ms pause, speech to the last frame.
        let energies: [Float] = Array(repeating: -20, count: 25) + Array(repeating: -90, count: 20) + Array(repeating: -20, count: 55)
            + Array(repeating: -90, count: 30) + Array(repeating: -20, count: 30)
        let activity = SpeechActivity(energyDB: energies)
        let columns = SyntheticColumns(count: 1, insertions: [], pauseLength: 0)
        let path = BandedDTW.Path(columnsOfRow: energies.indices.map { _ in 0...0 }, rowsOfColumn: [0...(energies.count - 1)], costOfColumn: [0])
        let mapper = BoundaryMapper(warp: WarpMap(path: path, synthetic: columns), recordingFrames: energies.count, syntheticHop: 220.5,
                                    syntheticActivity: activity, recordingActivity: activity, edgeActivity: activity,
                                    recordingDurationMs: energies.count * 10, settings: .init())
        let pauses = activity.pauses(minimumFrames: 8)
        #expect(pauses == [25..<45, 100..<130])
        // The path starts the speech 100 ms in: the recording's start is nearer than the first pause's end (450 ms).
        #expect(mapper.nearestEdge(to: 10, in: pauses, onset: true, within: 60) == 0)
        // Nearer the pause's end, that end.
        #expect(mapper.nearestEdge(to: 40, in: pauses, onset: true, within: 60) == 45)
        // The path ends the speech 100 ms before the recording's end, 200 ms after the last pause.
        #expect(mapper.nearestEdge(to: 150, in: pauses, onset: false, within: 60) == 160)

        // The same with a voiced closure's quiet 30 ms before the first word (no pause: too short):
        // the speech starts where its sound does.
        let quietStart = [Float](repeating: -90, count: 3) + energies
        let shifted = SpeechActivity(energyDB: quietStart)
        let shiftedMapper = BoundaryMapper(warp: mapper.warp, recordingFrames: quietStart.count, syntheticHop: 220.5,
                                           syntheticActivity: shifted, recordingActivity: shifted, edgeActivity: shifted,
                                           recordingDurationMs: quietStart.count * 10, settings: .init())
        #expect(shiftedMapper.nearestEdge(to: 13, in: shifted.pauses(minimumFrames: 8), onset: true, within: 60) == 3)
    }

    /// Six syllables of the same synthetic length (100 ms) said one after another with a short
    /// pause between each: the path slipped by a word at the second junction ("pe pi | zu"),
    /// squeezing the second syllable to 20 ms and stretching the third to 180 ms; the pauses, one
    /// per junction, keep every syllable at 100 ms. A steady path keeps its own junctions.
    @Test("A phrase with one short pause per word junction takes them when the path squeezes a word and they do not")
    func slippedPathTakesPauses() {
        let energies = [Float](repeating: -20, count: 60)
        let activity = SpeechActivity(energyDB: energies)
        let path = BandedDTW.Path(columnsOfRow: energies.indices.map { _ in 0...0 }, rowsOfColumn: [0...(energies.count - 1)], costOfColumn: [0])
        let mapper = BoundaryMapper(warp: WarpMap(path: path, synthetic: SyntheticColumns(count: 1, insertions: [], pauseLength: 0)),
                                    recordingFrames: energies.count, syntheticHop: 220.5, syntheticActivity: activity,
                                    recordingActivity: activity, edgeActivity: activity, recordingDurationMs: energies.count * 10,
                                    settings: .init())
        func junctions(_ at: [Double]) -> [BoundaryMapper.Junction] { at.map { .init(end: $0, start: $0, support: 0.8) } }
        let lengths = [Double](repeating: 10, count: 6)
        let paused = junctions([10, 20, 30, 40, 50])
        let slipped = mapper.steadier(junctions([10, 12, 30, 40, 50]), or: paused, from: 0, to: 60, syntheticLengths: lengths)
        #expect(slipped.map(\.start) == [10, 20, 30, 40, 50])
        // A steady path (every word within twice the phrase's pace) is kept, whatever the pauses say.
        let steady = mapper.steadier(junctions([9, 21, 29, 41, 50]), or: junctions([10, 15, 30, 40, 50]), from: 0, to: 60, syntheticLengths: lengths)
        #expect(steady.map(\.start) == [9, 21, 29, 41, 50])
        // Pauses that squeeze a word as much as the path does are not taken.
        let both = mapper.steadier(junctions([10, 12, 30, 40, 50]), or: junctions([10, 20, 22, 40, 50]), from: 0, to: 60, syntheticLengths: lengths)
        #expect(both.map(\.start) == [10, 12, 30, 40, 50])
    }

    /// Two words that run into each other with no pause: the first has a stop whose 50 ms
    /// closure the speaker made and eSpeak NG made too, and the path matched the one to the other.
    /// That closure is the only pause within the junction's reach, and took it 130 ms early; left
    /// out as the path explains it, the junction stays where the path put it. A pause as long as a
    /// word-by-word reader's stays a candidate whatever the path matched it to.
    @Test("A short pause the path matched to a closure inside a synthetic word is no junction's pause")
    func closuresFromPath() {
        // Recording: 100 ms of silence, word A (300 ms, its closure at 220–270 ms), word B (300 ms), silence.
        var recordingEnergies = [Float](repeating: -90, count: 10) + [Float](repeating: -20, count: 60) + [Float](repeating: -90, count: 10)
        for k in 22..<27 { recordingEnergies[k] = -90 }
        // Synthetic: 50 ms of silence, word A (200 ms, its closure at 130–170 ms), word B (200 ms), silence.
        var syntheticEnergies = [Float](repeating: -90, count: 5) + [Float](repeating: -20, count: 40) + [Float](repeating: -90, count: 5)
        for k in 13..<17 { syntheticEnergies[k] = -90 }
        // The path: the silences onto each other, the words' 60 frames onto their 40, linearly.
        let column: (Int) -> Int = { row in row < 10 ? row / 2 : row < 70 ? 5 + (row - 10) * 2 / 3 : 45 + (row - 70) / 2 }
        let columnsOfRow = (0..<80).map { column($0)...column($0) }
        let rowsOfColumn = (0..<50).map { c -> ClosedRange<Int> in
            let rows = (0..<80).filter { column($0) == c }
            return rows.isEmpty ? (0...0) : rows.first!...rows.last!
        }
        let path = BandedDTW.Path(columnsOfRow: columnsOfRow, rowsOfColumn: rowsOfColumn, costOfColumn: [Float](repeating: 0, count: 50))
        let recording = SpeechActivity(energyDB: recordingEnergies), synthetic = SpeechActivity(energyDB: syntheticEnergies)
        func mapper(_ settings: SynthesisDTWAligner.Settings) -> BoundaryMapper {
            BoundaryMapper(warp: WarpMap(path: path, synthetic: SyntheticColumns(count: 50, insertions: [], pauseLength: 0)),
                           recordingFrames: 80, syntheticHop: 220.5, syntheticActivity: synthetic, recordingActivity: recording,
                           edgeActivity: recording, recordingDurationMs: 800, settings: settings)
        }
        let spans: [(phrase: BoundaryMapper.Span, words: [BoundaryMapper.Span])] = [(.init(start: 5, end: 45), [.init(start: 5, end: 25), .init(start: 25, end: 45)])]
        let pauses = recording.pauses(minimumFrames: 2)
        #expect(pauses == [0..<10, 22..<27, 70..<80])
        let kept = mapper(.init()).withoutClosures(pauses, synthetic: spans)
        #expect(kept == [0..<10, 70..<80])
        // The junction where the path put it (synthetic frame 25, recording frame 40), not 130 ms early in the closure.
        func junction(_ pauses: [Range<Int>]) -> BoundaryMapper.Junction? {
            mapper(.init()).resolveJunctions(ends: [40], starts: [40], pauses: pauses, reachBefore: 15, reachAfter: 30, margin: 2).first
        }
        #expect(junction(kept)?.start == 40)
        #expect((junction(pauses)?.start ?? 40) < 30)
        // A pause as long as a word-by-word reader's (here 50 ms) is kept.
        var reader = SynthesisDTWAligner.Settings()
        reader.wordByWordPauseMs = 50
        #expect(mapper(reader).withoutClosures(pauses, synthetic: spans) == pauses)
    }

    /// A mapper over a recording of `energies` (10 ms frames, dB) and a path that matches it to
    /// one synthetic frame: for the junction rules, which look at the recording's pauses only.
    static func pauseMapper(_ energies: [Float], settings: SynthesisDTWAligner.Settings = .init()) -> BoundaryMapper {
        let activity = SpeechActivity(energyDB: energies)
        let path = BandedDTW.Path(columnsOfRow: energies.indices.map { _ in 0...0 }, rowsOfColumn: [0...(energies.count - 1)], costOfColumn: [0])
        return BoundaryMapper(warp: WarpMap(path: path, synthetic: SyntheticColumns(count: 1, insertions: [], pauseLength: 0)),
                              recordingFrames: energies.count, syntheticHop: 220.5, syntheticActivity: activity,
                              recordingActivity: activity, edgeActivity: activity, recordingDurationMs: energies.count * 10,
                              settings: settings)
    }

    /// Two phrases of three syllables, each 100 ms in the recording and in the synthetic speech,
    /// with a 40 ms pause between every two. The junctions as the path and the local rules left
    /// them slipped by a syllable from the second on, across the phrase edge: the second syllable
    /// squeezed to 10 ms (no pause), each later junction one pause late, the last syllable
    /// stretched over the last pause. The whole recording's assignment puts every junction in its
    /// own pause; a steady reading is left as it is, its phrases' last words drawn out by eSpeak
    /// NG (judged against each other, not against the words beside them); and a junction that
    /// holds a long pause does not give it up for a much weaker one to steady a pace.
    @Test("Every junction of a recording at once: a slip by a syllable across a phrase edge is undone by the paces")
    func jointJunctionsUndoASlip() {
        // Syllable k at frames 14k..<14k + 10, pause k at 14k + 10..<14k + 14.
        var energies = [Float]()
        for k in 0..<6 { energies += [Float](repeating: -20, count: 10) + (k < 5 ? [Float](repeating: -80, count: 4) : []) }
        let mapper = Self.pauseMapper(energies)
        let pauses = mapper.recordingActivity.pauses(minimumFrames: 2)
        #expect(pauses == [10..<14, 24..<28, 38..<42, 52..<56, 66..<70])
        func at(_ pause: Int) -> BoundaryMapper.Junction { .init(end: Double(14 * pause + 10), start: Double(14 * pause + 14), support: 0.8) }
        let slipped = [at(0), BoundaryMapper.Junction(end: 15, start: 15, support: 0.45), at(1), at(2), at(3)]
        func joint(_ current: [BoundaryMapper.Junction], synthetic: [Double] = [Double](repeating: 10, count: 6),
                   in mapper: BoundaryMapper = mapper, weight: Double = 4) -> [Double] {
            mapper.jointJunctions(current, from: 0, to: Double(mapper.recordingFrames), syntheticLengths: synthetic,
                                  phraseFinal: [false, false, true, false, false, true], pauses: mapper.recordingActivity.pauses(minimumFrames: 2),
                                  reachBefore: [15, 15, 20, 15, 15], reachAfter: [30, 30, 40, 30, 30], margin: 2, weight: weight).map(\.start)
        }
        // Each syllable's next starts a margin (20 ms) before its onset.
        #expect(joint(slipped) == [14, 26, 40, 54, 68])
        // Off, the junctions stay where they were.
        #expect(joint(slipped, weight: 0) == slipped.map(\.start))
        // A steady reading whose phrases' last words eSpeak NG drew out to twice their length stays.
        let steady = (0..<5).map(at)
        #expect(joint(steady, synthetic: [10, 10, 25, 10, 10, 25]) == steady.map(\.start))
        // The phrase junction holds a 120 ms pause, and the next phrase's first syllable is
        // squeezed to 30 ms (eSpeak NG's lasts 200 ms): a 20 ms pause 50 ms before the long one (a breath inside the
        // syllable) would steady it, but a junction does not give up a pause for one with less
        // than half its evidence.
        var breath = [Float](repeating: -20, count: 82)
        for frame in [10..<14, 24..<28, 34..<36, 39..<51, 54..<58, 68..<72].joined() { breath[frame] = -80 }
        let breathMapper = Self.pauseMapper(breath)
        #expect(breathMapper.recordingActivity.pauses(minimumFrames: 2) == [10..<14, 24..<28, 34..<36, 39..<51, 54..<58, 68..<72])
        let phraseJunction = BoundaryMapper.Junction(end: 39, start: 51, support: 0.9)
        let held = [at(0), at(1), phraseJunction, .init(end: 54, start: 58, support: 0.8), .init(end: 68, start: 72, support: 0.8)]
        // (Onsets a margin earlier, in the same pauses.)
        #expect(joint(held, synthetic: [10, 10, 10, 20, 10, 10], in: breathMapper, weight: 8) == [14, 28, 49, 56, 72])
    }

    /// Six syllables of 100 ms with a 40 ms pause between every two (the pauses of a tight join,
    /// no longer than a closure), and a path that slipped by a syllable from the first junction to
    /// the last: the first syllable squeezed to half, every junction one pause early. Counted, the
    /// six islands are the six syllables, each taken in order; with one pause missing, the two
    /// syllables of the longer island are split where their expected lengths say; and where the
    /// islands fit the words no better than within 2.3 times their pace (a long word in the text
    /// against equal islands), the path's junctions stay.
    @Test("A list said item by item: words given to the islands of speech between pauses by their lengths, not by the path")
    func countedIslandsUndoALongSlip() {
        // Syllable k at frames 14k..<14k + 10, pause k at 14k + 10..<14k + 14.
        var energies = [Float]()
        for k in 0..<6 { energies += [Float](repeating: -20, count: 10) + (k < 5 ? [Float](repeating: -80, count: 4) : []) }
        let mapper = Self.pauseMapper(energies)
        let pauses = mapper.recordingActivity.pauses(minimumFrames: 2)
        func at(_ pause: Int) -> BoundaryMapper.Junction { .init(end: Double(14 * pause + 10), start: Double(14 * pause + 14), support: 0.8) }
        let slipped = [BoundaryMapper.Junction(end: 5, start: 5, support: 0.45), at(0), at(1), at(2), at(3)]
        let final = [false, false, false, false, false, true]
        func counted(_ current: [BoundaryMapper.Junction], in mapper: BoundaryMapper = mapper, pauses: [Range<Int>] = pauses,
                     synthetic: [Double] = [Double](repeating: 10, count: 6)) -> [Double] {
            mapper.countedIfSteadier(current, from: 0, to: Double(mapper.recordingFrames), syntheticLengths: synthetic,
                                     phraseFinal: final, pauses: pauses, margin: 2).map(\.start)
        }
        // Each syllable's next starts a margin (20 ms) before its onset.
        #expect(counted(slipped) == [12, 26, 40, 54, 68])
        // The whole recording's assignment by the paces keeps the slip: every junction is close
        // to a pause where it is.
        #expect(mapper.jointJunctions(slipped, from: 0, to: Double(mapper.recordingFrames), syntheticLengths: [Double](repeating: 10, count: 6),
                                      phraseFinal: final, pauses: pauses, reachBefore: [Double](repeating: 15, count: 5),
                                      reachAfter: [Double](repeating: 30, count: 5), margin: 2, weight: 4).map(\.start) != [12, 26, 40, 54, 68])
        // The third pause missing: the third and fourth syllables share an island of 240 ms, split
        // in the middle (no pause or dip there: the split itself).
        var joined = energies
        for frame in 38..<42 { joined[frame] = -20 }
        let joinedMapper = Self.pauseMapper(joined)
        let joinedPauses = joinedMapper.recordingActivity.pauses(minimumFrames: 2)
        #expect(joinedPauses.count == 4)
        #expect(counted(slipped, in: joinedMapper, pauses: joinedPauses) == [12, 26, 40, 54, 68])
        // A word eSpeak NG says four times as long as the others, against six equal islands: no
        // list said item by item; the path's junctions stay.
        let steady = [at(0), at(1), at(2), at(3), at(4)]
        #expect(counted(slipped, synthetic: [10, 10, 40, 10, 10, 10]) == slipped.map(\.start))
        #expect(counted(steady) == steady.map(\.start))
    }

    /// Six words said one by one with a 40 ms pause between every two, the third word (220 ms)
    /// holding two closures of 50 ms, longer than the gaps between the words. Cutting the
    /// recording at its longest pauses until the islands are as many as the words takes both
    /// closures and leaves two gaps out, and the third word cannot span the three islands it
    /// is said over. Every pause is a place a junction may take, and a word pays for the pauses
    /// inside it by their length: the third word spans its closures, every junction takes its gap.
    @Test("A list's words given to the islands of speech weigh every pause: a word spans its own closures, longer than the gaps")
    func countedIslandsWeighPauses() {
        // (length in frames, speech or not): word 2 is 4 + 5 + 4 + 5 + 4 frames, its closures 5.
        let layout: [(Int, Bool)] = [(10, true), (4, false), (10, true), (4, false), (4, true), (5, false), (4, true), (5, false), (4, true),
                                     (4, false), (10, true), (4, false), (10, true), (4, false), (10, true)]
        let energies = layout.flatMap { [Float](repeating: $0.1 ? -20 : -80, count: $0.0) }
        let mapper = Self.pauseMapper(energies)
        let pauses = mapper.recordingActivity.pauses(minimumFrames: 2)
        #expect(pauses == [10..<14, 24..<28, 32..<37, 41..<46, 50..<54, 64..<68, 78..<82])
        // A path that took the closures for junctions: the third and fourth words squeezed, the
        // last stretched over three.
        let slipped = [10..<14, 24..<28, 32..<37, 41..<46, 50..<54].map { BoundaryMapper.Junction(end: Double($0.lowerBound), start: Double($0.upperBound), support: 0.8) }
        let synthetic: [Double] = [10, 10, 22, 10, 10, 10], final = [false, false, false, false, false, true]
        func counted(_ mapper: BoundaryMapper) -> [Double] {
            mapper.countedIfSteadier(slipped, from: 0, to: Double(mapper.recordingFrames), syntheticLengths: synthetic,
                                     phraseFinal: final, pauses: pauses, margin: 2).map(\.start)
        }
        // Each word's next starts a margin (20 ms) before its onset, after every gap.
        #expect(counted(mapper) == [12, 26, 52, 66, 80])
        // Counted down to the longest pauses, a closure is an island's edge.
        var counting = SynthesisDTWAligner.Settings()
        counting.islandPauseWeight = 0
        #expect(counted(Self.pauseMapper(energies, settings: counting)) != [12, 26, 52, 66, 80])
    }

    /// Confidence rests mostly on whether a boundary found a pause where the path put it (measured
    /// on the benchmark sets, that predicts a wrong boundary far better than the acoustic match).
    @Test("Words whose edges are pauses are surer than words run together")
    func confidenceFollowsPauses() throws {
        let words = ["Monday", "seven", "doctor", "apple", "window"]
        let oneByOne = try words.map { try Self.spoken($0, voice: "en-us+m3", speed: 140) }
        let rate = oneByOne[0].rate
        let (separate, _) = Self.joined(oneByOne.map(\.samples), rate: rate, silencesMs: [250, 250, 250, 250])
        let together = try Self.spoken(words.joined(separator: " "), voice: "en-us+m3", speed: 140)
        let (runTogether, _) = Self.joined([together.samples], rate: rate, silencesMs: [])
        let aligner = SynthesisDTWAligner()
        let paused = try aligner.align(AlignmentInput(samples: separate, sampleRate: rate, phrases: [words], language: "en")).words
        let fluent = try aligner.align(AlignmentInput(samples: runTogether, sampleRate: rate, phrases: [words], language: "en")).words
        #expect(paused.allSatisfy { $0.confidence >= 0.6 }, "\(paused.map(\.confidence))")
        #expect(paused.map(\.confidence).reduce(0, +) > fluent.map(\.confidence).reduce(0, +), "\(paused.map(\.confidence)) vs \(fluent.map(\.confidence))")
        #expect((paused + fluent).allSatisfy { (0...1).contains($0.confidence) })
    }

    @Test("Pause aligner, speech with known pauses (a language eSpeak NG does not speak): phrase edges within 80 ms")
    func pauses() throws {
        // Romani, spoken here by eSpeak NG's Romanian voice (close spelling) to make the audio.
        let texts = ["Sar san tu?", "Me sim mishto, nais tuke.", "Kaj jas adjes?", "Jav ke amende tosara te pijas kafa."]
        let pieces = try texts.map { try Self.spoken($0, voice: "ro", speed: 150) }
        let rate = pieces[0].rate
        let (samples, truth) = Self.joined(pieces.map(\.samples), rate: rate, silencesMs: [700, 500, 900])
        let input = AlignmentInput(samples: samples, sampleRate: rate,
                                   phrases: texts.map { $0.split(separator: " ").map(String.init) }, language: "rom")
        let aligner = AlignerChoice.aligner(for: "rom")
        #expect(aligner is PauseAligner)
        let result = try aligner.align(input)
        #expect(result.method == .pauses)
        for (phrase, expected) in zip(result.phrases, truth) {
            #expect(abs(Double(phrase.startMs) - expected.start) <= 80, "start \(phrase.startMs) vs \(expected.start)")
            #expect(abs(Double(phrase.endMs) - expected.end) <= 80, "end \(phrase.endMs) vs \(expected.end)")
            #expect(phrase.words.first?.startMs == phrase.startMs && phrase.words.last?.endMs == phrase.endMs)
            #expect(zip(phrase.words, phrase.words.dropFirst()).allSatisfy { $0.endMs <= $1.startMs && $0.startMs < $0.endMs })
        }
    }

    @Test("Pause aligner: words said one by one are found between the pauses")
    func pauseWords() throws {
        let words = ["jekh", "duj", "trin", "shtar", "panch", "shov"]
        let pieces = try words.map { try Self.spoken($0, voice: "ro", speed: 150) }
        let rate = pieces[0].rate
        let (samples, truth) = Self.joined(pieces.map(\.samples), rate: rate, silencesMs: [300, 350, 300, 400, 300])
        let result = try PauseAligner().align(AlignmentInput(samples: samples, sampleRate: rate, phrases: [words], language: "rom"))
        for (word, expected) in zip(result.words, truth) {
            #expect(abs(Double(word.startMs) - expected.start) <= 60, "\(word.text) start \(word.startMs) vs \(expected.start)")
            #expect(abs(Double(word.endMs) - expected.end) <= 60, "\(word.text) end \(word.endMs) vs \(expected.end)")
        }
    }

    @Test("The aligner follows eSpeak NG's voices: BCP 47 tags matched by whole subtags")
    func choice() {
        for tag in ["fr", "fr-FR", "en-GB", "en_US", "pt-BR", "sw", "zh", "ar", "am"] {
            #expect(AlignerChoice.aligner(for: tag) is SynthesisDTWAligner, "\(tag)")
        }
        for tag in ["rom", "rmy", "wo", "bm", "ff", "und", "", "x-klingon"] {
            #expect(AlignerChoice.aligner(for: tag) is PauseAligner, "\(tag)")
        }
        #expect(AlignerChoice.synthesisVoice(for: "en-GB") == "en-gb")
        #expect(AlignerChoice.synthesisVoice(for: "pt-BR") == "pt-br")
        #expect(AlignerChoice.synthesisVoice(for: "zh-Hans") == "cmn")
        #expect(AlignerChoice.synthesisVoice(for: "ro") == "ro")
        // Spanish as spoken in Latin America, whatever the country; Castilian in Spain.
        #expect(AlignerChoice.synthesisVoice(for: "es-MX") == "es-mx")
        for tag in ["es-CO", "es-AR", "es-US", "es-419", "es-Latn-CO"] {
            #expect(AlignerChoice.synthesisVoice(for: tag) == "es-419", "\(tag)")
        }
        #expect(AlignerChoice.synthesisVoice(for: "es-ES") == "es")
        #expect(AlignerChoice.synthesisVoice(for: "es") == "es")
        #expect(AlignerChoice.synthesisVoice(for: "rom") == nil)
    }

    @Test("Bad input is a typed error, never a crash")
    func errors() throws {
        let speech = try Self.spoken("Hello there.", voice: "en", speed: 175)
        let good = AlignmentInput(samples: speech.samples, sampleRate: speech.rate, phrases: [["Hello", "there."]], language: "en")
        let aligners: [any TranscriptAligner] = [SynthesisDTWAligner(), PauseAligner()]
        for aligner in aligners {
            var input = good
            input.sampleRate = 1_000
            #expect(throws: AlignmentError.unsupportedSampleRate(1_000)) { try aligner.align(input) }
            input = good
            input.samples = Array(good.samples.prefix(100))
            #expect(throws: AlignmentError.audioTooShort(durationMs: 5)) { try aligner.align(input) }
            input = good
            input.samples[10] = .nan
            #expect(throws: AlignmentError.nonFiniteSample(index: 10)) { try aligner.align(input) }
            input = good
            input.phrases = []
            #expect(throws: AlignmentError.noText) { try aligner.align(input) }
            input.phrases = [["Hello"], []]
            #expect(throws: AlignmentError.emptyPhrase(index: 1)) { try aligner.align(input) }
            input.phrases = [["—", "…"]]
            #expect(throws: AlignmentError.noText) { try aligner.align(input) }
            input = good
            input.samples = [Float](repeating: 0, count: speech.rate)
            #expect(throws: AlignmentError.noSpeechFound) { try aligner.align(input) }
        }
        var input = good
        input.language = "rom"
        #expect(throws: AlignmentError.unsupportedLanguage("rom")) { try SynthesisDTWAligner().align(input) }
    }

    @Test("Words with nothing to say get a zero-length time in place; punctuation stays with its word")
    func unspeakableWords() throws {
        let speech = try Self.spoken("Hello there, my friend.", voice: "en", speed: 175)
        let input = AlignmentInput(samples: speech.samples, sampleRate: speech.rate,
                                   phrases: [["Hello", "there,", "—", "my", "friend."]], language: "en")
        for aligner in [SynthesisDTWAligner(), PauseAligner()] as [any TranscriptAligner] {
            let words = try aligner.align(input).phrases[0].words
            #expect(words.map(\.text) == ["Hello", "there,", "—", "my", "friend."])
            #expect(words[2].startMs == words[2].endMs)
            #expect(words[2].startMs >= words[1].endMs && words[2].startMs <= words[3].startMs)
        }
    }

    /// eSpeak NG keeps some state from one utterance to the next, so the same text is not spoken
    /// to the sample twice: phrase times agree within 30 ms (a word junction inside continuous
    /// speech can move more, following the synthetic voice).
    @Test("Alignments from several tasks at once give what one at a time gives (eSpeak NG is serialised)")
    func concurrent() async throws {
        let inputs = try ["en", "en-US", "en-GB"].map { try Self.asteriskInput("asterisk-prompts-en.wav", texts: Self.asteriskTexts, language: $0) }
        let serial = try inputs.map { try SynthesisDTWAligner().align($0) }
        let parallel = try await withThrowingTaskGroup(of: (Int, AlignmentResult).self) { group in
            for (i, input) in inputs.enumerated() {
                group.addTask { (i, try SynthesisDTWAligner().align(input)) }
            }
            var results = [AlignmentResult?](repeating: nil, count: inputs.count)
            for try await (i, result) in group { results[i] = result }
            return results.compactMap { $0 }
        }
        // eSpeak NG speaks the same text to the same sample whichever task came first (see
        // ESpeakSteadyVoice), so the results are identical, not merely close.
        #expect(parallel.count == serial.count)
        for (a, b) in zip(parallel, serial) {
            #expect(a == b)
        }
    }

    @Test("Syllable estimates for the pause aligner, across scripts")
    func syllables() {
        #expect(AlignmentText.expectedSyllables("bonjour") == 2)
        #expect(AlignmentText.expectedSyllables("aujourd’hui") == 3)
        #expect(AlignmentText.expectedSyllables("maintenant") == 3)
        #expect(AlignmentText.expectedSyllables("BBC") == 1.5)
        #expect(AlignmentText.expectedSyllables("1999") == 4)
        #expect(AlignmentText.expectedSyllables("молоко") == 3)
        #expect(AlignmentText.expectedSyllables("ሰላም") == 3)  // Ethiopic: one per letter
        #expect(AlignmentText.expectedSyllables("مرحبا") == 2.5)  // Arabic: one per two letters
        #expect(AlignmentText.expectedSyllables("—") == 0)
    }
}

// parlons-align-bench: runs the aligner (Alignment module) on one WAV file and its text, for Benchmarks/align.
//
//   parlons-align-bench AUDIO.wav TEXT.txt LANGUAGE [--pauses] [--repeat N] [--as-stored] [--set NAME=VALUE]...
//
// --as-stored aligns what the server aligns: the WAV encoded to Ogg Opus by the server's ingest
// (OggOpusIngest, default bitrate), decoded and resampled to RecordingAlignment.sampleRate
// (16 kHz) by the same OggOpusDecoder.samples that RecordingAudio uses.
//
// --set changes one of SynthesisDTWAligner.Settings (bandSeconds, coarseFactor, fineRadius,
// optionalPauseFrames, optionalPauseCost, insertedPauseCost, phraseReachAfterMs, phraseReachBeforeMs,
// wordReachAfterMs, wordReachBeforeMs, wordRivalWeight, wordRivalLongestPauseMs, finalReleaseLongestMs, phrasePauseMs,
// shortestPauseMs, wordByWordPauseMs, edgeMarginMs, pauseFloorPercentile, localFloorMs, steadyPauseMs,
// steadyPauseToleranceDB, steadyPauseBelowSpeechDB, pausePerJunction: 0 or 1, jointPaceWeight,
// countedIslandsPaceRatio, islandPauseWeight, closuresFromPath: 0 or 1), for experiments.
// TEXT has one phrase per line, words separated by spaces. Prints one JSON object: the phrases and
// words found (ms, confidence), the aligner used, the audio's length and the time the alignment
// took (wall clock of `align`, best of N runs; the first run includes eSpeak NG's start-up and
// is reported too) and whether all runs gave the same result. The scoring against the truth is done by Benchmarks/align, the same way for
// every aligner.
import Alignment
import AudioCodec
import Foundation
import Transcripts

struct BenchError: Error, CustomStringConvertible {
    var description: String
}

/// Mono samples of a 16-bit or float PCM WAV file (channels averaged).
func readWAV(_ url: URL) throws -> (samples: [Float], rate: Int) {
    let data = [UInt8](try Data(contentsOf: url))
    func u32(_ o: Int) -> Int { Int(data[o]) | Int(data[o + 1]) << 8 | Int(data[o + 2]) << 16 | Int(data[o + 3]) << 24 }
    func u16(_ o: Int) -> Int { Int(data[o]) | Int(data[o + 1]) << 8 }
    guard data.count >= 12, data[0..<4] == [0x52, 0x49, 0x46, 0x46], data[8..<12] == [0x57, 0x41, 0x56, 0x45] else {
        throw BenchError(description: "\(url.path): not a WAV file")
    }
    var offset = 12
    var format: (tag: Int, channels: Int, rate: Int, bits: Int)?
    while offset + 8 <= data.count {
        let id = String(decoding: data[offset..<(offset + 4)], as: UTF8.self)
        var size = u32(offset + 4)
        let body = offset + 8
        if id == "fmt " {
            var tag = u16(body)
            if tag == 0xFFFE { tag = u16(body + 24) }
            format = (tag, u16(body + 2), u32(body + 4), u16(body + 14))
        } else if id == "data", let format {
            if size == 0 || size == 0xFFFF_FFFF || body + size > data.count { size = data.count - body }
            let frameBytes = format.channels * format.bits / 8
            let frames = size / frameBytes
            var samples = [Float](repeating: 0, count: frames)
            for f in 0..<frames {
                var sum: Float = 0
                for c in 0..<format.channels {
                    let o = body + f * frameBytes + c * format.bits / 8
                    switch (format.tag, format.bits) {
                    case (1, 16): sum += Float(Int16(bitPattern: UInt16(u16(o)))) / 32768
                    case (3, 32): sum += Float(bitPattern: UInt32(u32(o)))
                    default: throw BenchError(description: "\(url.path): only 16-bit PCM or 32-bit float WAV")
                    }
                }
                samples[f] = sum / Float(format.channels)
            }
            return (samples, format.rate)
        }
        offset = body + size + (size & 1)
    }
    throw BenchError(description: "\(url.path): no audio data")
}

/// `url`'s audio as the server aligns it: encoded to Ogg Opus by the ingest pipeline, decoded,
/// resampled to `rate`.
func asStored(_ url: URL, rate: Int) throws -> [Float] {
    let bytes = [UInt8](try Data(contentsOf: url))
    var ogg: [UInt8] = []
    guard let ingestor = try OggOpusIngest.make(
        for: AudioContainer.sniff(Array(bytes.prefix(AudioContainer.sniffLength))), settings: OpusEncoderSettings(), title: nil, language: nil,
        scratchDirectory: FileManager.default.temporaryDirectory, output: { ogg.append(contentsOf: $0) }, restart: { ogg.removeAll() }
    ) else { throw BenchError(description: "\(url.path): not taken by the ingest") }
    try bytes.withUnsafeBytes { try ingestor.consume($0) }
    _ = try ingestor.finish()
    var pending: [UInt8]? = ogg
    return try OggOpusDecoder.samples(sampleRate: rate) { defer { pending = nil }; return pending }
}

func main() throws {
    var arguments = Array(CommandLine.arguments.dropFirst())
    var usePauses = false, repeats = 3
    var settings = SynthesisDTWAligner.Settings()
    while let i = arguments.firstIndex(of: "--set"), i + 1 < arguments.count {
        let pair = arguments[i + 1].split(separator: "=", maxSplits: 1).map(String.init)
        arguments.removeSubrange(i...(i + 1))
        guard pair.count == 2, let value = Double(pair[1]) else { throw BenchError(description: "--set NAME=NUMBER") }
        switch pair[0] {
        case "bandSeconds": settings.bandSeconds = value
        case "coarseFactor": settings.coarseFactor = Int(value)
        case "fineRadius": settings.fineRadius = Int(value)
        case "optionalPauseFrames": settings.optionalPauseFrames = Int(value)
        case "optionalPauseCost": settings.optionalPauseCost = Float(value)
        case "insertedPauseCost": settings.insertedPauseCost = Float(value)
        case "phraseReachAfterMs": settings.phraseReachAfterMs = Int(value)
        case "phraseReachBeforeMs": settings.phraseReachBeforeMs = Int(value)
        case "wordReachAfterMs": settings.wordReachAfterMs = Int(value)
        case "wordReachBeforeMs": settings.wordReachBeforeMs = Int(value)
        case "phrasePauseMs": settings.phrasePauseMs = Int(value)
        case "shortestPauseMs": settings.shortestPauseMs = Int(value)
        case "wordByWordPauseMs": settings.wordByWordPauseMs = Int(value)
        case "edgeMarginMs": settings.edgeMarginMs = Int(value)
        case "pauseFloorPercentile": settings.pauseFloorPercentile = value
        case "localFloorMs": settings.localFloorMs = Int(value)
        case "steadyPauseMs": settings.steadyPauseMs = Int(value)
        case "steadyPauseToleranceDB": settings.steadyPauseToleranceDB = Float(value)
        case "steadyPauseBelowSpeechDB": settings.steadyPauseBelowSpeechDB = Float(value)
        case "pausePerJunction": settings.pausePerJunction = value != 0
        case "jointPaceWeight": settings.jointPaceWeight = value
        case "countedIslandsPaceRatio": settings.countedIslandsPaceRatio = value
        case "phraseAnchors": settings.phraseAnchors = value != 0
        case "islandSoundWeight": settings.islandSoundWeight = value
        case "islandSoundReach": settings.islandSoundReach = Int(value)
        case "wordRivalWeight": settings.wordRivalWeight = value
        case "wordRivalLongestPauseMs": settings.wordRivalLongestPauseMs = Int(value)
        case "finalReleaseLongestMs": settings.finalReleaseLongestMs = Int(value)
        case "countedKeepsInsideJunction": settings.countedKeepsInsideJunction = value != 0
        case "islandPauseWeight": settings.islandPauseWeight = value
        case "closuresFromPath": settings.closuresFromPath = value != 0
        case "formantScaleMax": settings.formantScaleMax = value
        case "formantScaleSteps": settings.formantScaleSteps = Int(value)
        case "formantSearchRadius": settings.formantSearchRadius = Int(value)
        case "formantScalesBelow": settings.formantScalesBelow = value != 0
        default: throw BenchError(description: "unknown setting \(pair[0])")
        }
    }
    if let i = arguments.firstIndex(of: "--pauses") { usePauses = true; arguments.remove(at: i) }
    var stored = false
    if let i = arguments.firstIndex(of: "--as-stored") { stored = true; arguments.remove(at: i) }
    if let i = arguments.firstIndex(of: "--repeat"), i + 1 < arguments.count {
        repeats = max(1, Int(arguments[i + 1]) ?? 3)
        arguments.removeSubrange(i...(i + 1))
    }
    guard arguments.count == 3 else {
        throw BenchError(description: "usage: parlons-align-bench AUDIO.wav TEXT.txt LANGUAGE [--pauses] [--repeat N] [--as-stored]")
    }
    // The server decodes recordings at 16 kHz for alignment (Services.RecordingAlignment.sampleRate).
    let (samples, rate) = stored ? (try asStored(URL(fileURLWithPath: arguments[0]), rate: 16_000), 16_000)
        : try readWAV(URL(fileURLWithPath: arguments[0]))
    let text = try String(contentsOf: URL(fileURLWithPath: arguments[1]), encoding: .utf8)
    let phrases = text.split(separator: "\n").map { $0.split(separator: " ").map(String.init) }.filter { !$0.isEmpty }
    let input = AlignmentInput(samples: samples, sampleRate: rate, phrases: phrases, language: arguments[2])
    var aligner: any TranscriptAligner = usePauses ? PauseAligner() : AlignerChoice.aligner(for: arguments[2])
    if aligner is SynthesisDTWAligner { aligner = SynthesisDTWAligner(settings: settings) }
    let clock = ContinuousClock()
    var results: [AlignmentResult] = []
    var times: [Double] = []
    for _ in 0..<repeats {
        let start = clock.now
        results.append(try aligner.align(input))
        let elapsed = clock.now - start
        times.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
    }
    guard let result = results.last else { return }
    let method: String
    switch result.method {
    case .synthesisDTW(let voice): method = "synthesis+dtw (eSpeak NG \(voice))"
    case .pauses: method = "pauses"
    }
    var json: [String: Any] = [
        "method": method,
        "audioSeconds": Double(samples.count) / Double(rate),
        "firstSeconds": times[0],
        "bestSeconds": times.min()!,
        "phrases": result.phrases.map { phrase in
            [
                "start": phrase.startMs, "end": phrase.endMs, "confidence": phrase.confidence,
                "words": phrase.words.map { ["text": $0.text, "start": $0.startMs, "end": $0.endMs, "confidence": $0.confidence] as [String: Any] },
            ] as [String: Any]
        },
    ]
    json["repeats"] = repeats
    json["formantScale"] = result.formantScale
    // Whether every run gave the same times and confidences (the first run included).
    json["identicalRuns"] = results.allSatisfy { $0 == result }
    let data = try JSONSerialization.data(withJSONObject: json, options: [.sortedKeys])
    print(String(decoding: data, as: UTF8.self))
}

do {
    try main()
} catch {
    FileHandle.standardError.write(Data("parlons-align-bench: \(error)\n".utf8))
    exit(1)
}

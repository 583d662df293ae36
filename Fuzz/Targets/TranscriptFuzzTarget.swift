import Transcripts

/// Transcript uploads (`PUT …/transcripts/{lang}`): the bytes are read in one format as the server
/// would (UTF-8 first, then the parser), and what a parser accepts must hold together: every
/// export runs, our JSON gives the same transcript back, and our own export in the same format is
/// read again with the same phrases and times.
public enum TranscriptFuzzTarget {
    /// Runs one fuzz input through `format`'s reader; traps only on a bug.
    public static func run(_ bytes: [UInt8], as format: TranscriptFormat) {
        // The server refuses bodies that are not UTF-8 before any reader sees them.
        guard let text = String(validating: bytes, as: UTF8.self) else { return }
        _ = TranscriptFormat.detect(text)
        let transcript: Transcript
        do {
            transcript = try format.parse(text, language: "fr")
        } catch {
            return
        }
        // Rendering is what GET does with a stored transcript: it may refuse (untimed), never trap.
        for other in TranscriptFormat.allCases { _ = try? other.render(transcript, recordingDurationMs: nil) }
        // The server stores only transcripts that validate; the round trips below are promised for those.
        guard transcript.validationProblems().isEmpty else { return }
        // Our JSON renders any transcript (TranscriptJSONFormat's render does not throw).
        let json = TranscriptJSONFormat().render(transcript)
        let back: Transcript
        do {
            back = try TranscriptFormat.json.parse(json, language: "fr")
        } catch {
            invariant(false, "our JSON export is refused: \(error)\n\(json.prefix(2_000))")
            return
        }
        invariant(back == transcript, "our JSON export reads back differently:\n\(json.prefix(2_000))")
        guard format != .json, format != .plainText, let exported = try? format.render(transcript, recordingDurationMs: nil) else { return }
        do {
            let again = try format.parse(exported, language: "fr")
            invariant(Self.times(again) == Self.times(transcript), "our \(format) export reads back with other phrases or times:\n\(exported.prefix(2_000))")
        } catch {
            invariant(false, "our \(format) export is refused: \(error)\n\(exported.prefix(2_000))")
        }
    }

    /// Each phrase's start and end.
    static func times(_ transcript: Transcript) -> [[Int?]] {
        transcript.segments.map { [$0.startMs, $0.endMs] }
    }
}

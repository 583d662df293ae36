import Foundation

extension ExternalTool {
    public enum LoudnessFailure: Error { case unreadable(String) }

    /// ffmpeg's ebur128 filter (an independent BS.1770 implementation): integrated loudness (LUFS)
    /// and true peak (dBTP) of a WAV file's bytes.
    public static func ffmpegLoudness(_ wav: [UInt8]) throws -> (integrated: Double, truePeak: Double) {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("x.wav")
        try Data(wav).write(to: file)
        let text = try run("ffmpeg", ["-hide_banner", "-nostats", "-i", file.path, "-af", "ebur128=peak=true", "-f", "null", "-"]).stderr
        func value(after label: String) -> Double? {
            guard let range = text.range(of: label, options: .backwards) else { return nil }
            return text[range.upperBound...].trimmingCharacters(in: .whitespaces).split(separator: " ").first.flatMap { Double($0) }
        }
        guard let integrated = value(after: "I:"), let peak = value(after: "Peak:") else { throw LoudnessFailure.unreadable(text) }
        return (integrated, peak)
    }
}

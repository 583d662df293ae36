import AudioCodec
import Foundation
import ScenarioFormat
import Storage
import Transcripts

/// The scenarios folder (`Scenarios/`, one Markdown file per scenario, the README aside) and the
/// media folder its files name paths in: reads and validates every file, so that one broken file
/// is reported and the others still load.
public struct ScenarioFolder: Sendable {
    /// A file that parsed, with the content it was read from.
    public struct Entry: Sendable {
        public let file: String
        public let source: String
        public let sha256: String
        public let scenario: Scenario
    }

    public let directory: URL
    /// Where the paths a scenario names (`prompts/…`, `pictures/…`) are found.
    public let media: ScenarioMediaFolder

    public init(directory: URL, mediaDirectory: URL) {
        self.directory = directory
        self.media = ScenarioMediaFolder(root: mediaDirectory)
    }

    /// Every scenario file, parsed and its shipped media checked to exist (and, with
    /// `decodingAudio`, to decode as Ogg Opus). Files with a problem are left out of `entries`.
    public func read(decodingAudio: Bool = false) -> (entries: [Entry], problems: [ScenarioFileProblem]) {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        } catch {
            return ([], [ScenarioFileProblem(file: ".", problem: ScenarioProblem(line: 0, reason: "cannot read the folder \(directory.path): \(error.localizedDescription)"))])
        }
        var entries: [Entry] = [], problems: [ScenarioFileProblem] = []
        for name in names.sorted() where name.hasSuffix(".md") && name.lowercased() != "readme.md" {
            switch read(file: name, decodingAudio: decodingAudio) {
            case .success(let entry): entries.append(entry)
            case .failure(let error): problems += error.problems.map { ScenarioFileProblem(file: name, problem: $0) }
            }
        }
        return (entries, problems)
    }

    /// One file of the folder.
    public func read(file name: String, decodingAudio: Bool) -> Result<Entry, ScenarioFileError> {
        let url = directory.appendingPathComponent(name)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            return .failure(ScenarioFileError(problems: [ScenarioProblem(line: 0, reason: "cannot read the file")]))
        }
        guard let source = String(data: data, encoding: .utf8) else {
            return .failure(ScenarioFileError(problems: [ScenarioProblem(line: 1, reason: "the file is not UTF-8 text")]))
        }
        do {
            let scenario = try ScenarioParser.parse(source, expectedSlug: String(name.dropLast(3)))
            let problems = mediaProblems(of: scenario, decodingAudio: decodingAudio)
            guard problems.isEmpty else { return .failure(ScenarioFileError(problems: problems)) }
            return .success(Entry(file: name, source: source, sha256: ContentHash.sha256(data), scenario: scenario))
        } catch {
            return .failure(error)
        }
    }

    /// The shipped files the scenario names that are missing (or do not decode).
    public func mediaProblems(of scenario: Scenario, decodingAudio: Bool) -> [ScenarioProblem] {
        var problems: [ScenarioProblem] = []
        var checked: Set<String> = []
        for use in scenario.mediaUses {
            guard case .file(let path) = use.media else { continue }
            guard let url = media.url(of: path) else {
                problems.append(ScenarioProblem(line: use.line, reason: "'\(use.field)': no file \(path) in \(media.name)"))
                continue
            }
            guard decodingAudio, use.role != .picture, checked.insert(path).inserted else { continue }
            if let reason = Self.decodingProblem(url) {
                problems.append(ScenarioProblem(line: use.line, reason: "'\(use.field)': \(path) \(reason)"))
            }
        }
        return problems
    }

    /// Why the file is not playable Ogg Opus, or nil when it decodes to the end with sound in it.
    public static func decodingProblem(_ url: URL) -> String? {
        guard let data = FileManager.default.contents(atPath: url.path) else { return "cannot be read" }
        var samples = 0
        let decoder = OggOpusDecoder { samples += $0.count }
        do {
            try data.withUnsafeBytes { try decoder.consume($0) }
            try decoder.finish()
        } catch {
            return "does not decode as Ogg Opus: \(error)"
        }
        return samples == 0 ? "holds no audio" : nil
    }

    /// Every shipped audio file the scenarios name with a text, whether or not it exists yet:
    /// (path, language, text). Files that do not parse are skipped.
    public func spokenFiles() -> [(path: String, language: String, text: String)] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        var files: [(String, String, String)] = []
        for name in names.sorted() where name.hasSuffix(".md") && name.lowercased() != "readme.md" {
            guard let data = FileManager.default.contents(atPath: directory.appendingPathComponent(name).path),
                  let source = String(data: data, encoding: .utf8),
                  let scenario = try? ScenarioParser.parse(source) else { continue }
            for use in scenario.mediaUses where use.role != .picture {
                if case .file(let path) = use.media, let text = use.text { files.append((path, use.language ?? "und", text)) }
            }
        }
        return files
    }
}

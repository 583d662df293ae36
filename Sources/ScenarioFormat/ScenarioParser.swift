import Foundation
import Transcripts
import Yams

/// Reads a scenario file: a YAML front matter (slug, title, languages, themes, level, picture,
/// spoken title, steps) between `---` lines, then Markdown notes for trainers. Every problem is
/// reported with its line; a file with any problem is not loaded.
///
/// Whether the media it names exist is the caller's question (``Scenario/mediaUses``): this
/// parser does no I/O.
public enum ScenarioParser {
    /// Larger files are refused before parsing.
    public static let maximumBytes = 256 * 1_024
    public static let maximumSteps = 200

    static let fields = ["slug", "title", "languages", "themes", "level", "picture", "spoken-title", "synthetic-voice", "steps"]
    static let stepFields = ["id", "kind", "title", "prompt", "recording", "text", "language", "level"]
    static let audioExtensions = ["opus", "ogg", "oga"]
    static let pictureExtensions = ["svg", "png", "jpg", "jpeg", "webp"]

    /// The scenario the file describes.
    ///
    /// - Parameter expectedSlug: the slug a shipped file must carry (its file name without `.md`).
    /// - Throws: ``ScenarioFileError`` with every problem found.
    public static func parse(_ source: String, expectedSlug: String? = nil) throws(ScenarioFileError) -> Scenario {
        guard source.utf8.count <= maximumBytes else {
            throw ScenarioFileError(problems: [ScenarioProblem(line: 1, reason: "the file is larger than \(maximumBytes / 1_024) KB")])
        }
        let parts: ScenarioFrontMatter
        do { parts = try ScenarioFrontMatter(splitting: source) } catch { throw ScenarioFileError(problems: [error]) }
        let root: Node?
        do {
            root = try Yams.compose(yaml: parts.yaml)
        } catch {
            throw ScenarioFileError(problems: [yamlProblem(error, firstLine: parts.firstLine)])
        }
        var reader = ScenarioYAMLReader(firstLine: parts.firstLine)
        guard let root, case .mapping(let mapping) = root else {
            throw ScenarioFileError(problems: [ScenarioProblem(line: parts.firstLine, reason: "the front matter must be fields like 'title: …', one per line")])
        }
        let top = reader.entries(of: mapping, known: fields, what: "front matter")
        let topLine = parts.firstLine
        var builder = ScenarioBuilder(reader: reader)
        let scenario = builder.build(top, firstLine: topLine, notes: parts.body, expectedSlug: expectedSlug)
        if let scenario, builder.reader.problems.isEmpty { return scenario }
        throw ScenarioFileError(problems: builder.reader.problems)
    }

    /// True for a valid slug: lowercase letters, digits and inner hyphens.
    public static func isSlug(_ value: String) -> Bool { !value.isEmpty && ScenarioBuilder.isSlug(value) }

    /// The file with its front matter's `slug:` line set to `slug` (for copies).
    public static func replacingSlug(in source: String, with slug: String) -> String {
        var lines = source.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var inFrontMatter = false
        for index in lines.indices {
            let line = lines[index].trimmingCharacters(in: .whitespaces)
            if line == "---" {
                if inFrontMatter { break }
                inFrontMatter = true
            } else if inFrontMatter, lines[index].hasPrefix("slug:") {
                lines[index] = "slug: \(slug)"
                break
            }
        }
        return lines.joined(separator: "\n")
    }

    /// A YAML syntax error as a problem on the file's line.
    static func yamlProblem(_ error: any Error, firstLine: Int) -> ScenarioProblem {
        guard let error = error as? YamlError else { return ScenarioProblem(line: firstLine, reason: "unreadable YAML") }
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            let detail = context.map { "\(problem) \($0.text)" } ?? problem
            return ScenarioProblem(line: mark.line + firstLine - 1, reason: "YAML: \(detail)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            return ScenarioProblem(line: context.mark.line + firstLine - 1,
                                   reason: "YAML: a field is given twice: \(duplicates.joined(separator: ", "))")
        case .reader(let problem, _, _, _):
            return ScenarioProblem(line: firstLine, reason: "YAML: \(problem) (the file must be UTF-8 text)")
        default:
            return ScenarioProblem(line: firstLine, reason: "YAML: \(error)")
        }
    }
}

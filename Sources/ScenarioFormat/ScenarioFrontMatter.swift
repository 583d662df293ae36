import Foundation
import Transcripts

/// A Markdown file cut into its YAML front matter (between two `---` lines) and the body after it.
struct ScenarioFrontMatter {
    /// The YAML text, without its fences.
    let yaml: String
    /// The file line of the YAML's first line (its line 1).
    let firstLine: Int
    /// The Markdown after the closing fence.
    let body: String

    static let yamlLineBreaks: Set<Unicode.Scalar> = ["\r", "\u{85}", "\u{2028}", "\u{2029}"]

    init(splitting source: String) throws(ScenarioProblem) {
        var lines = source.split(separator: "\n", omittingEmptySubsequences: false).map { line -> Substring in
            line.hasSuffix("\r") ? line.dropLast() : line
        }
        if let first = lines.first, first.hasPrefix("\u{FEFF}") { lines[0] = first.dropFirst() }
        guard let opening = lines.first, opening.trimmingTrailingSpaces == "---" else {
            throw ScenarioProblem(line: 1, reason: "the file must start with a line '---' opening the front matter (title, steps…)")
        }
        guard let closing = lines.indices.dropFirst().first(where: { ["---", "..."].contains(lines[$0].trimmingTrailingSpaces) }) else {
            let last = (lines.lastIndex { !$0.trimmingCharacters(in: .whitespaces).isEmpty } ?? 0) + 1
            throw ScenarioProblem(line: last, reason: "the front matter is never closed: add a line '---' after the steps")
        }
        // Lines are what a trainer's editor shows: split at "\n" only. libyaml also breaks lines at a
        // lone CR, NEL, LS and PS, which would shift every line number after one of them; inside a
        // line they stand for a space.
        yaml = lines[1..<closing].map { line in
            String(String.UnicodeScalarView(line.unicodeScalars.map { Self.yamlLineBreaks.contains($0) ? " " : $0 }))
        }.joined(separator: "\n")
        firstLine = 2
        body = lines[(closing + 1)...].joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

extension Substring {
    fileprivate var trimmingTrailingSpaces: Substring {
        var text = self
        while let last = text.last, last == " " || last == "\t" { text = text.dropLast() }
        return text
    }
}

import Hummingbird
import Transcripts

/// The line difference between two revisions of a scenario, as a list and as a unified diff.
struct ScenarioDiffResponse: ResponseEncodable {
    struct Line: Encodable {
        let change: LineDiff.Change
        let text: String
        let oldLine: Int?
        let newLine: Int?
    }

    let slug: String
    let from: Int
    let to: Int
    let added: Int
    let removed: Int
    let lines: [Line]
    let unified: String

    init(slug: String, from: Int, to: Int, diff: LineDiff) {
        self.slug = slug
        self.from = from
        self.to = to
        (added, removed) = diff.counts
        lines = diff.lines.map { Line(change: $0.change, text: $0.text, oldLine: $0.oldLine, newLine: $0.newLine) }
        unified = diff.unified(oldName: "\(slug).md@\(from)", newName: "\(slug).md@\(to)")
    }
}

/// The line-by-line difference between two texts (Myers' algorithm, through the standard
/// library's `difference(from:)`), as a list of kept, removed and added lines and as a unified diff.
public struct LineDiff: Sendable, Equatable {
    public enum Change: String, Sendable, Codable {
        case same, removed, added
    }

    public struct Line: Sendable, Equatable {
        public let change: Change
        public let text: String
        /// 1-based line in the old text (nil for added lines).
        public let oldLine: Int?
        /// 1-based line in the new text (nil for removed lines).
        public let newLine: Int?
    }

    public let lines: [Line]

    public init(from old: String, to new: String) {
        let before = Self.split(old), after = Self.split(new)
        let difference = after.difference(from: before)
        var removed = Set<Int>(), inserted = Set<Int>()
        for change in difference {
            switch change {
            case .remove(let offset, _, _): removed.insert(offset)
            case .insert(let offset, _, _): inserted.insert(offset)
            }
        }
        var lines: [Line] = []
        var i = 0, j = 0
        while i < before.count || j < after.count {
            if i < before.count, removed.contains(i) {
                lines.append(Line(change: .removed, text: before[i], oldLine: i + 1, newLine: nil))
                i += 1
            } else if j < after.count, inserted.contains(j) {
                lines.append(Line(change: .added, text: after[j], oldLine: nil, newLine: j + 1))
                j += 1
            } else {
                lines.append(Line(change: .same, text: before[i], oldLine: i + 1, newLine: j + 1))
                i += 1
                j += 1
            }
        }
        self.lines = lines
    }

    /// True when nothing changed.
    public var isEmpty: Bool { lines.allSatisfy { $0.change == .same } }

    /// The lines added and removed.
    public var counts: (added: Int, removed: Int) {
        (lines.count { $0.change == .added }, lines.count { $0.change == .removed })
    }

    /// A unified diff (`diff -u`) with `context` lines around each change.
    public func unified(oldName: String, newName: String, context: Int = 3) -> String {
        var output = "--- \(oldName)\n+++ \(newName)\n"
        let changed = lines.indices.filter { lines[$0].change != .same }
        var index = 0
        while index < changed.count {
            var lower = max(0, changed[index] - context), upper = min(lines.count, changed[index] + context + 1)
            index += 1
            while index < changed.count, changed[index] - context <= upper {
                upper = min(lines.count, changed[index] + context + 1)
                index += 1
            }
            let hunk = lines[lower..<upper]
            let oldCount = hunk.count { $0.change != .added }, newCount = hunk.count { $0.change != .removed }
            let oldStart = hunk.first { $0.oldLine != nil }?.oldLine ?? (lines[..<lower].last { $0.oldLine != nil }?.oldLine ?? 0)
            let newStart = hunk.first { $0.newLine != nil }?.newLine ?? (lines[..<lower].last { $0.newLine != nil }?.newLine ?? 0)
            output += "@@ -\(oldStart),\(oldCount) +\(newStart),\(newCount) @@\n"
            for line in hunk {
                let mark = line.change == .same ? " " : line.change == .removed ? "-" : "+"
                output += mark + line.text + "\n"
            }
            lower = upper
        }
        return output
    }

    private static func split(_ text: String) -> [String] {
        guard !text.isEmpty else { return [] }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        return lines
    }
}

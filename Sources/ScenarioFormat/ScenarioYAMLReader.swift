import Exercises
import Foundation
import Transcripts
import Yams

/// Reads typed fields out of composed YAML nodes, collecting a problem (with its file line) for
/// each value that is missing or of the wrong shape instead of stopping at the first.
struct ScenarioYAMLReader {
    /// File line of the YAML's line 1.
    let firstLine: Int
    private(set) var problems: [ScenarioProblem] = []

    init(firstLine: Int) { self.firstLine = firstLine }

    /// The file line a node starts on (`fallback` when the node carries none).
    func line(of node: Node?, fallback: Int) -> Int {
        guard let mark = node?.mark else { return fallback }
        return mark.line + firstLine - 1
    }

    mutating func report(_ line: Int, _ reason: String) {
        problems.append(ScenarioProblem(line: line, reason: reason))
    }

    /// The mapping's entries by key, reporting keys that are not strings, repeated or not in `known`.
    mutating func entries(of mapping: Node.Mapping, known: [String], what: String) -> [String: Node] {
        var result: [String: Node] = [:]
        for (key, value) in mapping {
            let line = line(of: key, fallback: line(of: .mapping(mapping), fallback: firstLine))
            guard case .scalar(let scalar) = key else {
                report(line, "\(what): a field name must be plain text")
                continue
            }
            let name = scalar.string
            if result[name] != nil {
                report(line, "\(what): '\(name)' is given twice")
            } else if !known.contains(name) {
                let suggestion = known.min { Self.distance(name, $0) < Self.distance(name, $1) }
                    .flatMap { Self.distance(name, $0) <= 2 ? " (did you mean '\($0)'?)" : nil } ?? ""
                report(line, "\(what): unknown field '\(name.prefix(40))'\(suggestion); known fields: \(known.joined(separator: ", "))")
            } else {
                result[name] = value
            }
        }
        return result
    }

    /// A non-empty single-line or block text, or nil with a problem when it is something else.
    mutating func text(_ node: Node?, field: String, line fallback: Int, maximum: Int = 2_000) -> String? {
        guard let node else { return nil }
        guard case .scalar(let scalar) = node, node.null == nil else {
            report(line(of: node, fallback: fallback), "'\(field)' must be text")
            return nil
        }
        let value = scalar.string.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !value.isEmpty else {
            report(line(of: node, fallback: fallback), "'\(field)' is empty")
            return nil
        }
        guard value.count <= maximum else {
            report(line(of: node, fallback: fallback), "'\(field)' is longer than \(maximum) characters")
            return nil
        }
        return value
    }

    /// A list of texts; a single text is accepted as a list of one.
    mutating func texts(_ node: Node?, field: String, line fallback: Int) -> [String]? {
        guard let node else { return nil }
        if case .scalar = node { return text(node, field: field, line: fallback).map { [$0] } }
        guard case .sequence(let sequence) = node else {
            report(line(of: node, fallback: fallback), "'\(field)' must be a list, like [a, b]")
            return nil
        }
        var values: [String] = []
        for item in sequence {
            guard let value = text(item, field: field, line: line(of: node, fallback: fallback), maximum: 80) else { return nil }
            values.append(value)
        }
        return values
    }

    /// A whole number within `range`.
    mutating func integer(_ node: Node?, field: String, line fallback: Int, in range: ClosedRange<Int>) -> Int? {
        guard let node else { return nil }
        guard case .scalar = node, let value = node.int, range.contains(value) else {
            report(line(of: node, fallback: fallback), "'\(field)' must be a whole number from \(range.lowerBound) to \(range.upperBound)")
            return nil
        }
        return value
    }

    /// `true` or `false`.
    mutating func boolean(_ node: Node?, field: String, line fallback: Int) -> Bool? {
        guard let node else { return nil }
        guard case .scalar = node, let value = node.bool else {
            report(line(of: node, fallback: fallback), "'\(field)' must be true or false")
            return nil
        }
        return value
    }

    /// Edit distance between two short names, for "did you mean" hints.
    static func distance(_ a: String, _ b: String) -> Int {
        EditDistance.distance(Array(a.lowercased()), Array(b.lowercased()))
    }
}

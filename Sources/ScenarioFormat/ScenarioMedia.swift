import Transcripts
/// Audio or a picture a scenario names: a file shipped under the media folder (`prompts/…/x.opus`)
/// or a recording already stored, by its id.
public enum ScenarioMedia: Sendable, Hashable, Codable, CustomStringConvertible {
    /// A path relative to the shipped media folder.
    case file(String)
    /// A stored recording's id.
    case recording(String)

    /// Reads a field's value: anything with a `/` or a file extension is a path, the rest an id.
    /// Paths that climb out of the media folder (`..`), absolute paths and empty values are refused.
    public init?(field value: String) {
        let value = value.trimmingCharacters(in: .whitespaces)
        guard !value.isEmpty, value.count <= 300 else { return nil }
        if value.contains("/") || value.contains(".") {
            let parts = value.split(separator: "/", omittingEmptySubsequences: false)
            guard !value.hasPrefix("/"), !value.contains("\\"),
                  parts.allSatisfy({ !$0.isEmpty && $0 != "." && $0 != ".." }) else { return nil }
            self = .file(value)
        } else {
            guard value.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else { return nil }
            self = .recording(value)
        }
    }

    public var description: String {
        switch self {
        case .file(let path): return path
        case .recording(let id): return id
        }
    }
}

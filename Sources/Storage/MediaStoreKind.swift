/// The content-addressed stores under a media root: where each keeps its files.
public enum MediaStoreKind: String, Sendable, CaseIterable {
    /// Ogg Opus recordings.
    case recordings
    /// Waveform peaks of recordings.
    case peaks
    /// Photos of people and groups.
    case pictures

    /// The folder under the media root.
    public var folder: String { rawValue }

    public var fileExtension: String {
        switch self {
        case .recordings: "opus"
        case .peaks: "dat"
        case .pictures: "img"
        }
    }

    /// `ab/cd/abcd….ext`: the file's place in its folder.
    public func relativePath(sha256: String) -> String {
        "\(sha256.prefix(2))/\(sha256.dropFirst(2).prefix(2))/\(sha256).\(fileExtension)"
    }
}

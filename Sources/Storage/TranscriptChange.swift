/// What made a transcript revision.
public enum TranscriptChange: String, Sendable, Equatable, Codable, CaseIterable {
    /// Text (or our JSON) written or replaced.
    case text
    /// A WebVTT, SRT, TextGrid or EAF file imported.
    case `import`
    /// Times computed by an aligner.
    case align
    /// Manual timings: taps or moved boundaries.
    case timings
}

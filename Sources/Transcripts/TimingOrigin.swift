/// Where a start and end time came from. Kept on every timed segment and word so that a later
/// automatic alignment never silently overwrites a trainer's manual marks.
public enum TimingOrigin: String, Sendable, Equatable, Hashable, Codable, CaseIterable {
    /// Set by a person: taps while listening, or a dragged boundary.
    case manual
    /// Computed by an aligner; comes with a confidence.
    case auto
    /// Read from an imported file (WebVTT, SRT, TextGrid, EAF).
    case `import`
}

/// What one bundle did where it was applied, as the server answers an upload (JSON).
public struct SyncImportSummary: Codable, Sendable, Equatable {
    public var bundle: String
    /// False when the bundle was applied already (sent again after a lost answer).
    public var applied: Bool
    public var items: Int
    public var recordingsAdded: Int
    public var attemptsAdded: Int
    public var revisionsAdded: Int
    public var recordingsWithdrawn: Int
    /// Transcripts edited on both sides (`recordingId/language`).
    public var conflicts: [String]
    /// A bundle before this one never arrived: it is sent again.
    public var missedEarlier: Bool

    public init(_ report: SyncImportReport) {
        bundle = report.file
        applied = report.applied
        items = report.items
        recordingsAdded = report.applyReport.recordingsAdded
        attemptsAdded = report.applyReport.attemptsAdded
        revisionsAdded = report.applyReport.revisionsAdded
        recordingsWithdrawn = report.applyReport.recordingsWithdrawn
        conflicts = report.applyReport.conflicts.map { "\($0.recordingId)/\($0.language)" }
        missedEarlier = report.missedEarlier
    }
}

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
    public var scenarioRevisionsAdded: Int
    /// Scenarios edited on both sides (slugs): the editor shows the other side's text.
    public var scenarioConflicts: [String]
    /// Scenarios not taken because their name is used here by another group's scenario or a shipped
    /// file (slugs): one of them must be renamed before it can travel.
    public var scenariosNotTaken: [String]
    /// People, groups, recordings and scenarios held here that took the other side's later edit.
    public var edited: Int
    /// Recordings and transcripts deleted here.
    public var deleted: Int
    /// Spoken labels that took the other side's later take or removal.
    public var labelsChanged: Int
    /// Scenario steps done without an attempt that arrived, or took the other side's later answer.
    public var stepsDone: Int

    public init(_ report: SyncImportReport) {
        let effects = report.applyReport
        bundle = report.file
        applied = report.applied
        items = report.items
        recordingsAdded = effects.recordingsAdded
        attemptsAdded = effects.attemptsAdded
        revisionsAdded = effects.revisionsAdded
        recordingsWithdrawn = effects.recordingsWithdrawn
        conflicts = effects.conflicts.map { "\($0.recordingId)/\($0.language)" }
        missedEarlier = report.missedEarlier
        scenarioRevisionsAdded = effects.scenarioRevisionsAdded
        scenarioConflicts = effects.scenarioConflicts
        scenariosNotTaken = effects.scenariosNotTaken
        edited = effects.edited
        deleted = effects.deleted
        labelsChanged = effects.labelsChanged
        stepsDone = effects.stepsDone
    }

    /// Counts an older server does not send are zero (a camp newer than its centre still reads the
    /// centre's answer).
    public init(from decoder: any Decoder) throws {
        let fields = try decoder.container(keyedBy: CodingKeys.self)
        bundle = try fields.decode(String.self, forKey: .bundle)
        applied = try fields.decode(Bool.self, forKey: .applied)
        items = try fields.decode(Int.self, forKey: .items)
        func count(_ key: CodingKeys) throws -> Int { try fields.decodeIfPresent(Int.self, forKey: key) ?? 0 }
        func names(_ key: CodingKeys) throws -> [String] { try fields.decodeIfPresent([String].self, forKey: key) ?? [] }
        recordingsAdded = try count(.recordingsAdded)
        attemptsAdded = try count(.attemptsAdded)
        revisionsAdded = try count(.revisionsAdded)
        recordingsWithdrawn = try count(.recordingsWithdrawn)
        conflicts = try names(.conflicts)
        missedEarlier = try fields.decodeIfPresent(Bool.self, forKey: .missedEarlier) ?? false
        scenarioRevisionsAdded = try count(.scenarioRevisionsAdded)
        scenarioConflicts = try names(.scenarioConflicts)
        scenariosNotTaken = try names(.scenariosNotTaken)
        edited = try count(.edited)
        deleted = try count(.deleted)
        labelsChanged = try count(.labelsChanged)
        stepsDone = try count(.stepsDone)
    }
}

/// What taking in a shipped scenario file at start-up did.
public enum ScenarioSeedOutcome: Sendable, Equatable {
    /// A new scenario, revision 1.
    case created
    /// The file is as it was last read.
    case unchanged
    /// The file changed and nobody had edited the scenario since: a new revision.
    case updated(revision: Int)
    /// The file changed but trainers had edited the scenario since (or trainers made a scenario of
    /// that name): their version stays current, the file is kept as a conflict.
    case conflict(currentRevision: Int)
}

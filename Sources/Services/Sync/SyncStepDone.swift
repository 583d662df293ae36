import Foundation
import Storage

/// A scenario step done without an attempt, as it travels: on one of the group's scenarios or on
/// one shipped with Parlons (held on every server), which the other side must read the same way.
struct SyncStepDone: Codable, Sendable, Equatable {
    var step: ScenarioStepDone
    /// The scenario is a shipped one (not the group's).
    var shipped: Bool
}

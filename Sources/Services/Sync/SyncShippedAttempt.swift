import Foundation
import Storage

/// An attempt at audio shipped with the scenarios, as it travels: that audio is on every server,
/// each under its own recording id, so the file's path and content name it.
struct SyncShippedAttempt: Codable, Sendable, Equatable {
    var attempt: Attempt
    /// The shipped file (``ShippedMedia/path``).
    var path: String
    /// Its content: a side whose file differs (another Parlons version) leaves the attempt out.
    var sha256: String
}

/// Why a pairing, an export or an import was refused. Every refusal changes nothing.
public enum SyncError: Error, Equatable, CustomStringConvertible {
    /// Nothing syncs unpaired.
    case notPaired(groupId: String)
    case alreadyPaired(groupId: String)
    case noSuchGroup(String)
    /// The pairing code is not one `sync pair` shows.
    case invalidCode(String)
    /// No bundle in the folder for a group paired here.
    case noBundle(path: String)
    /// The bundle cannot be written there (a read-only or full stick…).
    case cannotWrite(path: String, reason: String)
    /// Not a bundle, or cut short.
    case unreadable(file: String, reason: String)
    /// A file's bytes are not the ones the manifest names.
    case tampered(file: String, reason: String)
    /// The signature does not match this pair's key.
    case wrongSignature(file: String)
    /// The bundle is for a group not paired here.
    case otherGroup(file: String, groupId: String)
    /// The bundle comes from another server than the one this group is paired with.
    case otherPeer(file: String, expected: String, found: String)
    /// The bundle's data cannot be applied here (a name another person holds here…).
    case doesNotFit(file: String, reason: String)
    /// An item in the bundle is not one a Parlons server writes (a scenario without a valid slug
    /// or Markdown…).
    case malformed(file: String, reason: String)
    /// Another exchange of the group is under way (`sync now` beside `serve --sync-every`).
    case exchangeRunning(groupId: String)
    /// This server's stores keep no change log (both engines Parlons ships keep one).
    case unavailable

    /// The bundle arrived whole and signed, and what it holds is what stops it: the same bytes
    /// would be refused again, so fetching or sending them again cannot help.
    public var isAboutContent: Bool {
        switch self {
        case .doesNotFit, .malformed: true
        default: false
        }
    }

    public var description: String {
        switch self {
        case .notPaired(let group):
            "group \(group) is not paired with another server: run `parlons sync pair --group \(group)` on one side and enter its code on the other"
        case .alreadyPaired(let group): "group \(group) is already paired with another server"
        case .exchangeRunning(let group): "another exchange of group \(group) is under way on this server (serve --sync-every?): try again in a moment"
        case .unavailable: "sync between servers needs stores that keep a change log: this server's keep none"
        case .noSuchGroup(let group): "no group \(group) on this server"
        case .invalidCode(let why): "that pairing code is not right: \(why)"
        case .noBundle(let path): "no sync bundle in \(path)"
        case .cannotWrite(let path, let reason): "cannot write a bundle in \(path): \(reason)"
        case .unreadable(let file, let reason): "\(file) is not a whole sync bundle: \(reason)"
        case .tampered(let file, let reason): "\(file) was changed after it was written: \(reason); nothing was imported"
        case .wrongSignature(let file):
            "\(file) is not signed with this pair's key (changed, or made by a server paired with someone else); nothing was imported"
        case .otherGroup(let file, let group): "\(file) is for group \(group), which is not paired with this server; nothing was imported"
        case .otherPeer(let file, let expected, let found):
            "\(file) comes from server \(found), but this group is paired with server \(expected); nothing was imported"
        case .doesNotFit(let file, let reason): "\(file) cannot be applied here: \(reason); nothing was imported"
        case .malformed(let file, let reason): "\(file) holds an item this server cannot take: \(reason); nothing was imported"
        }
    }
}

/// Why a sync request between two servers (over HTTP) was refused or failed. Every refusal
/// changes nothing.
public enum SyncTransferError: Error, Equatable, CustomStringConvertible {
    /// No signature, a malformed one, or one not made with this group's pair key.
    case unauthenticated(String)
    /// The request's time is too far from this server's clock (a replay, or a wrong clock).
    case staleRequest(seconds: Int)
    /// An upload does not continue where the bytes received end.
    case wrongOffset(expected: Int, given: Int)
    /// A bundle name or a length that is not one a Parlons client sends.
    case invalidRequest(String)
    /// No such bundle waiting here.
    case noSuchBundle(String)
    /// The group is paired but no address of the other server is known.
    case noPeerAddress(groupId: String)
    /// The other server could not be reached, or the connection broke.
    case unreachable(peer: String, reason: String)
    /// The other server answered with a refusal.
    case refused(peer: String, status: Int, message: String)

    public var description: String {
        switch self {
        case .unauthenticated(let why): "not authenticated: \(why)"
        case .staleRequest(let seconds):
            "the request's time is \(seconds) s from this server's clock (more than \(Int(SyncRequestSignature.replayWindow)) s): check both clocks"
        case .wrongOffset(let expected, let given): "the upload continues at byte \(given), but \(expected) bytes have arrived"
        case .invalidRequest(let why): why
        case .noSuchBundle(let name): "no bundle \(name.prefix(120)) waits here"
        case .noPeerAddress(let group):
            "no address of the other server for group \(group): give --peer URL (once is enough, it is kept)"
        case .unreachable(let peer, let reason): "cannot reach \(peer): \(reason)"
        case .refused(let peer, let status, let message): "\(peer) refused (\(status)): \(message)"
        }
    }
}

import Crypto
import Foundation

/// How one server's request to the other is authenticated: a header `Parlons-Sync: t=SECONDS,
/// sig=HEX` where `sig` is HMAC-SHA256 with the pair's key over the method, the path (query
/// included) and `t`, one per line. A request older or newer than ``replayWindow`` is refused, so
/// a request seen on the wire cannot be sent again later. Bodies are covered by the bundle's own
/// signature, checked before anything is applied.
public enum SyncRequestSignature {
    /// The header's name.
    public static let headerName = "Parlons-Sync"
    /// How far a request's time may be from this server's clock.
    public static let replayWindow: TimeInterval = 300

    /// The header's value for a request sent now.
    public static func header(key: [UInt8], method: String, path: String, now: Date = Date()) -> String {
        let seconds = Int64(now.timeIntervalSince1970.rounded(.down))
        return "t=\(seconds), sig=\(code(key: key, method: method, path: path, seconds: seconds).lowercaseHex)"
    }

    /// Checks a header's value; throws why it is refused.
    static func check(_ header: String?, key: [UInt8], method: String, path: String, now: Date) throws(SyncTransferError) {
        guard let header, !header.isEmpty else { throw .unauthenticated("the request has no \(headerName) header") }
        var fields: [String: String] = [:]
        for part in header.split(separator: ",") {
            let pair = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if pair.count == 2 { fields[pair[0]] = pair[1] }
        }
        guard let time = fields["t"].flatMap({ Int64($0) }), let sig = fields["sig"].flatMap({ Data(hex: $0) }) else {
            throw .unauthenticated("the \(headerName) header is not `t=SECONDS, sig=HEX`")
        }
        let skew = now.timeIntervalSince1970 - TimeInterval(time)
        guard abs(skew) <= replayWindow else {
            // Clamped: `t` is outside bytes, and Int(Double) traps past Int.max (t near Int64.min).
            throw .staleRequest(seconds: Int(min(max(skew, -1e12), 1e12)))
        }
        guard HMAC<SHA256>.isValidAuthenticationCode(sig, authenticating: message(method: method, path: path, seconds: time),
                                                     using: SymmetricKey(data: key)) else {
            throw .unauthenticated("the \(headerName) signature does not match this group's pair key")
        }
    }

    private static func message(method: String, path: String, seconds: Int64) -> Data {
        Data("\(method.uppercased())\n\(path)\n\(seconds)".utf8)
    }

    private static func code(key: [UInt8], method: String, path: String, seconds: Int64) -> [UInt8] {
        Array(HMAC<SHA256>.authenticationCode(for: message(method: method, path: path, seconds: seconds), using: SymmetricKey(data: key)))
    }
}

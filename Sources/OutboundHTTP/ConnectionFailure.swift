import AsyncHTTPClient
import Foundation
import NIOCore

/// Why a request to another server (an object store, a paired Parlons) got no answer, in words a
/// log reader or a trainer at the command line understands.
public enum ConnectionFailure {
    /// The reason for `error`: "Connection refused", not NIO's
    /// "connection reset (error set): Connection refused) (errno: 111)".
    public static func reason(for error: any Error) -> String {
        if let error = error as? HTTPClientError {
            switch error {
            case .connectTimeout: return "no connection within the time allowed"
            case .deadlineExceeded: return "no answer within the time allowed"
            case .readTimeout: return "the answer stopped coming"
            case .remoteConnectionClosed: return "the connection was closed before the answer"
            default: return String(describing: error)
            }
        }
        if let error = error as? IOError { return String(cString: strerror(error.errnoCode)) }
        return String(describing: error)
    }
}

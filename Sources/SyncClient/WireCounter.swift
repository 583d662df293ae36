import Foundation

/// Bytes an exchange put on the wire both ways: request and response heads (request line or
/// status line, every header, the blank line) and bodies.
public final class WireCounter: Sendable {
    private let lock = NSLock()
    nonisolated(unsafe) private var sentBytes = 0
    nonisolated(unsafe) private var receivedBytes = 0

    /// A counter at zero, shared by the requests of one exchange (or several).
    public init() {}

    /// Bytes sent: request heads and bodies.
    public var sent: Int { lock.withLock { sentBytes } }
    /// Bytes received: response heads and bodies.
    public var received: Int { lock.withLock { receivedBytes } }
    /// Both ways.
    public var total: Int { lock.withLock { sentBytes + receivedBytes } }

    func add(sent: Int = 0, received: Int = 0) {
        lock.withLock {
            sentBytes += sent
            receivedBytes += received
        }
    }
}

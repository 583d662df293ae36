import Foundation

/// Bytes an exchange put on the wire both ways: request and response heads (request line or
/// status line, every header, the blank line) and bodies.
public final class WireCounter: Sendable {
    private let lock = NSLock()
    nonisolated(unsafe) private var sentBytes = 0
    nonisolated(unsafe) private var receivedBytes = 0

    public init() {}

    public var sent: Int { lock.withLock { sentBytes } }
    public var received: Int { lock.withLock { receivedBytes } }
    public var total: Int { lock.withLock { sentBytes + receivedBytes } }

    func add(sent: Int = 0, received: Int = 0) {
        lock.withLock {
            sentBytes += sent
            receivedBytes += received
        }
    }
}

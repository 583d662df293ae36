import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One loopback TCP connection driven byte by byte, for clients that misbehave on purpose: headers
/// sent a byte at a time, bodies that stop half-way. Blocking calls: use from a thread of its own
/// or for short steps.
public final class RawConnection: @unchecked Sendable {
    private let socket: Int32

    public init(port: Int) throws {
        socket = try HTTPTestClient.connect(port: port)
    }

    deinit { close(socket) }

    /// Sends the bytes; false once the server has closed the connection.
    @discardableResult
    public func send(_ bytes: [UInt8]) -> Bool { HTTPTestClient.sendAll(socket, bytes) }

    @discardableResult
    public func send(_ text: String) -> Bool { send(Array(text.utf8)) }

    /// Reads one response (the server must answer).
    public func response(method: String = "GET") throws -> HTTPTestClient.Response {
        try HTTPTestClient.readResponse(socket, method: method)
    }

    /// Everything the server sends until it closes the connection (pipelined answers, whole).
    public func readUntilClosed(timeout: TimeInterval = 30) throws -> [UInt8] {
        var received: [UInt8] = [], chunk = [UInt8](repeating: 0, count: 65_536)
        var wait = timeval(tv_sec: Int(timeout), tv_usec: 0)
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &wait, socklen_t(MemoryLayout<timeval>.size))
        while true {
            let count = chunk.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else { throw HTTPTestClient.Failure.io("recv errno \(errno) after \(received.count) bytes") }
            if count == 0 { return received }
            received += chunk[0..<count]
        }
    }

    /// Waits up to `timeout` seconds for the server to close the connection, discarding what it
    /// sends (an error answer) meanwhile; true when it closed.
    public func waitUntilClosed(timeout: TimeInterval) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        var buffer = [UInt8](repeating: 0, count: 4_096)
        while Date() < deadline {
            var poller = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
            let ready = poll(&poller, 1, 100)
            if ready < 0 && errno != EINTR { return true }
            guard ready > 0 else { continue }
            let count = buffer.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT)) }
            if count == 0 || (count < 0 && errno != EAGAIN && errno != EINTR) { return true }
        }
        return false
    }
}

import Foundation
#if canImport(Glibc)
import Glibc
#endif

extension HTTPTestClient {
    /// How far a request got, for tests that kill the server under it: a crash can cut a request
    /// off while its body is sent, or after the last byte and before the answer.
    public enum Outcome: Sendable {
        /// The server answered.
        case answered(Response)
        /// No connection could be made (the server is not running).
        case notConnected
        /// The connection failed before the whole body was sent (`sent` bytes of it were).
        case cutWhileSending(sent: Int)
        /// The whole body was sent, then the connection failed before a complete answer.
        case lostAfterSending
    }

    /// Sends one request with a `Content-Length` body in `pieceSize` pieces, sleeping `pause`
    /// between pieces (a slow network), and says how far it got instead of throwing.
    public func attempt(_ method: String, _ path: String, body: [UInt8], pieceSize: Int = 32_768,
                        pause: TimeInterval = 0) async -> Outcome {
        let port = self.port, all = self.headers
        return await withCheckedContinuation { continuation in
            let thread = Thread {
                continuation.resume(returning: Self.attemptExchange(port: port, method: method, path: path, headers: all, body: body,
                                                                   pieceSize: pieceSize, pause: pause))
            }
            thread.stackSize = 1 << 20
            thread.start()
        }
    }

    static func attemptExchange(port: Int, method: String, path: String, headers: [(String, String)], body: [UInt8],
                                pieceSize: Int, pause: TimeInterval) -> Outcome {
        guard let socket = try? connect(port: port) else { return .notConnected }
        defer { close(socket) }
        var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\nContent-Length: \(body.count)\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        head += "\r\n"
        guard sendAll(socket, Array(head.utf8)) else { return .cutWhileSending(sent: 0) }
        var offset = 0
        while offset < body.count {
            let end = min(body.count, offset + pieceSize)
            // The server may answer early (an error) and close: its answer is the outcome then.
            guard sendAll(socket, Array(body[offset..<end])) else {
                if let response = try? readResponse(socket, method: method) { return .answered(response) }
                return .cutWhileSending(sent: offset)
            }
            offset = end
            if pause > 0 && offset < body.count { Thread.sleep(forTimeInterval: pause) }
        }
        guard let response = try? readResponse(socket, method: method) else { return .lostAfterSending }
        return .answered(response)
    }
}

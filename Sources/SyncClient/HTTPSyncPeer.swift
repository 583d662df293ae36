import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import OutboundHTTP
import Services

/// The paired server over HTTP (AsyncHTTPClient): the four signed requests of sync over HTTP
/// (README, "Camp and centre sync"). Uploads are read from disk and downloads written to disk
/// as they come, never held whole.
public struct HTTPSyncPeer: SyncPeer {
    public let address: String
    let key: [UInt8]
    /// Counts every byte sent and received.
    public let wire: WireCounter
    /// Tests and the benchmark: uploads fail after this many body bytes, downloads stop after
    /// this many (a connection lost mid-way).
    public var cutUploadAfter: Int?
    public var cutDownloadAfter: Int?
    let timeout: TimeAmount

    /// One client for the process (AsyncHTTPClient requires a shutdown before a client goes away).
    static let http = HTTPClient(
        eventLoopGroupProvider: .singleton,
        configuration: HTTPClient.Configuration(redirectConfiguration: .disallow, timeout: .init(connect: .seconds(10), read: .seconds(60))))

    /// `address`: the other server's base URL (`https://centre.example/`); `key`: the pair's key.
    public init(address: String, key: [UInt8], wire: WireCounter = WireCounter(), timeout: Duration = .seconds(3_600)) {
        self.address = address.hasSuffix("/") ? String(address.dropLast()) : address
        self.key = key
        self.wire = wire
        let (seconds, _) = timeout.components
        self.timeout = .seconds(seconds)
    }

    public func receivedBytes(groupId: String, name: String) async throws -> Int {
        let (response, body) = try await send(.HEAD, "/api/sync/\(groupId)/bundles/\(name)")
        try check(response, body)
        guard let offset = response.headers.first(name: "Upload-Offset").flatMap({ Int($0) }) else {
            throw SyncTransferError.refused(peer: address, status: Int(response.status.code), message: "no Upload-Offset in its answer")
        }
        return offset
    }

    public func upload(groupId: String, name: String, file: URL, offset: Int, size: Int) async throws -> SyncImportSummary? {
        // The offset came from the peer's answer: one past the bundle's end is not an upload.
        guard (0...size).contains(offset) else {
            throw SyncTransferError.refused(peer: address, status: 200, message: "it says \(offset) bytes of a \(size)-byte bundle have arrived")
        }
        let chunks = FileChunks(url: file, offset: offset, count: size - offset, cutAfter: cutUploadAfter)
        let (response, body) = try await send(.PATCH, "/api/sync/\(groupId)/bundles/\(name)",
                                              headers: [("Upload-Offset", "\(offset)"), ("Upload-Length", "\(size)"),
                                                        ("Content-Type", "application/octet-stream")],
                                              body: .stream(chunks, length: .known(Int64(size - offset))), bodyBytes: size - offset)
        if response.status == .conflict, let expected = response.headers.first(name: "Upload-Offset").flatMap({ Int($0) }) {
            throw SyncTransferError.wrongOffset(expected: expected, given: offset)
        }
        try check(response, body)
        guard response.status == .ok else { return nil }
        do {
            return try JSONDecoder().decode(SyncImportSummary.self, from: Data(body))
        } catch {
            throw SyncTransferError.refused(peer: address, status: 200, message: "its answer to an upload is not an import summary")
        }
    }

    public func prepare(groupId: String) async throws -> SyncOffer {
        let (response, body) = try await send(.POST, "/api/sync/\(groupId)/outbox")
        try check(response, body)
        do {
            return try JSONDecoder().decode(SyncOffer.self, from: Data(body))
        } catch {
            throw SyncTransferError.refused(peer: address, status: Int(response.status.code), message: "its offer is not {name, size}")
        }
    }

    public func download(groupId: String, offer: SyncOffer, into file: URL, from offset: Int) async throws {
        let path = "/api/sync/\(groupId)/outbox/\(offer.name)"
        var request = HTTPClientRequest(url: address + path)
        request.method = .GET
        request.headers.add(name: SyncRequestSignature.headerName, value: SyncRequestSignature.header(key: key, method: "GET", path: path))
        if offset > 0 { request.headers.add(name: "Range", value: "bytes=\(offset)-") }
        countRequest(request, path: path, bodyBytes: 0)
        let response: HTTPClientResponse
        do {
            response = try await Self.http.execute(request, timeout: timeout)
        } catch {
            throw SyncTransferError.unreachable(peer: address, reason: Self.describe(error))
        }
        countHead(response)
        guard response.status == (offset > 0 ? .partialContent : .ok) else {
            let body = try await collect(response)
            try check(response, body)
            throw SyncTransferError.refused(peer: address, status: Int(response.status.code), message: "it did not send the bytes asked for")
        }
        if offset == 0 { _ = FileManager.default.createFile(atPath: file.path, contents: nil) }
        guard let handle = FileHandle(forWritingAtPath: file.path) else {
            throw SyncError.cannotWrite(path: file.deletingLastPathComponent().path, reason: "a file cannot be made there")
        }
        defer { try? handle.close() }
        try handle.seekToEnd()
        var received = 0
        do {
            for try await buffer in response.body {
                var chunk = buffer
                // Answers are not signed: never write past the bundle's announced end.
                guard received + chunk.readableBytes <= offer.size - offset else {
                    try? handle.synchronize()
                    throw SyncTransferError.refused(peer: address, status: Int(response.status.code),
                                                    message: "it sent more than the \(offer.size)-byte bundle it offered")
                }
                if let cut = cutDownloadAfter, received + chunk.readableBytes > cut {
                    chunk = chunk.getSlice(at: chunk.readerIndex, length: max(0, cut - received)) ?? ByteBuffer()
                }
                try handle.write(contentsOf: Data(chunk.readableBytesView))
                received += chunk.readableBytes
                wire.add(received: chunk.readableBytes)
                if let cut = cutDownloadAfter, received >= cut {
                    try handle.synchronize()
                    throw SyncTransferError.unreachable(peer: address, reason: "the download stopped after \(received) bytes")
                }
            }
        } catch let error as SyncTransferError {
            throw error
        } catch {
            try? handle.synchronize()
            throw SyncTransferError.unreachable(peer: address, reason: Self.describe(error))
        }
        try handle.synchronize()
        guard received == offer.size - offset else {
            throw SyncTransferError.unreachable(peer: address, reason: "the download ended after \(received) of \(offer.size - offset) bytes")
        }
    }

    // MARK: requests

    /// Sends a signed request; the answer's head and whole body (small answers only: downloads
    /// stream).
    func send(_ method: HTTPMethod, _ path: String, headers: [(String, String)] = [], body: HTTPClientRequest.Body? = nil,
              bodyBytes: Int = 0) async throws -> (HTTPClientResponse, [UInt8]) {
        var request = HTTPClientRequest(url: address + path)
        request.method = method
        request.headers.add(name: SyncRequestSignature.headerName,
                            value: SyncRequestSignature.header(key: key, method: method.rawValue, path: path))
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body { request.body = body }
        countRequest(request, path: path, bodyBytes: bodyBytes)
        do {
            let response = try await Self.http.execute(request, timeout: timeout)
            countHead(response)
            return (response, try await collect(response))
        } catch let error as SyncTransferError {
            throw error
        } catch {
            throw SyncTransferError.unreachable(peer: address, reason: Self.describe(error))
        }
    }

    private func collect(_ response: HTTPClientResponse) async throws -> [UInt8] {
        let buffer = try await response.body.collect(upTo: 1 << 20)
        wire.add(received: buffer.readableBytes)
        return Array(buffer.readableBytesView)
    }

    /// A refusal's JSON `{"error":{"code","message"}}` as ``SyncTransferError/refused(peer:status:message:)``.
    private func check(_ response: HTTPClientResponse, _ body: [UInt8]) throws {
        guard response.status.code >= 300 else { return }
        struct Refusal: Decodable {
            struct Detail: Decodable { let code: String; let message: String }
            let error: Detail
        }
        let message = (try? JSONDecoder().decode(Refusal.self, from: Data(body))).map { "\($0.error.code): \($0.error.message)" }
            ?? String(decoding: body.prefix(200), as: UTF8.self)
        throw SyncTransferError.refused(peer: address, status: Int(response.status.code), message: message)
    }

    /// The request line, the headers (those AsyncHTTPClient adds too: Host, Content-Length) and
    /// the body, as they go on the wire.
    private func countRequest(_ request: HTTPClientRequest, path: String, bodyBytes: Int) {
        var head = "\(request.method.rawValue) \(path) HTTP/1.1\r\n".utf8.count + 2
        for header in request.headers { head += header.name.utf8.count + 2 + header.value.utf8.count + 2 }
        head += "host: ".utf8.count + (URL(string: address).flatMap { url in url.host.map { $0 + (url.port.map { ":\($0)" } ?? "") } } ?? "").utf8.count + 2
        if bodyBytes > 0 || request.method == .POST || request.method == .PATCH {
            head += "content-length: \(bodyBytes)\r\n".utf8.count
        }
        wire.add(sent: head + bodyBytes)
    }

    private func countHead(_ response: HTTPClientResponse) {
        var head = "HTTP/1.1 \(response.status.code) \(response.status.reasonPhrase)\r\n".utf8.count + 2
        for header in response.headers { head += header.name.utf8.count + 2 + header.value.utf8.count + 2 }
        wire.add(received: head)
    }

    static func describe(_ error: any Error) -> String {
        if error is FileChunks.Cut { return "the upload was cut off" }
        return ConnectionFailure.reason(for: error)
    }
}

import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import OutboundHTTP

/// Plain S3 over HTTP, path-style, every request signed with Signature V4: the object and
/// multipart calls the blob store needs, each waiting for its answer (the blob protocols are
/// synchronous; call them off the event loops, as the heavy-work pool does).
public struct S3Client: Sendable {
    public let location: S3Location
    let signer: SignatureV4
    /// How long one request may take, connecting included.
    let requestTimeout: TimeAmount

    public init(location: S3Location, credentials: AWSCredentials, requestTimeout: Duration = .seconds(60)) {
        self.location = location
        signer = SignatureV4(credentials: credentials, region: location.region, service: "s3")
        let (seconds, attoseconds) = requestTimeout.components
        self.requestTimeout = .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }

    /// One HTTP client for the process: its connections are pooled per endpoint, and as a global
    /// it is never shut down (AsyncHTTPClient requires a shutdown before a client goes away).
    static let http = HTTPClient(
        eventLoopGroupProvider: .singleton,
        configuration: HTTPClient.Configuration(redirectConfiguration: .disallow, timeout: .init(connect: .seconds(5), read: .seconds(60))))

    /// An answer: status, headers and the whole body.
    struct Response {
        let status: Int
        let headers: HTTPHeaders
        let body: [UInt8]
    }

    /// Sends one signed request for `key` (the bucket itself when nil) and returns the answer,
    /// whatever its status; throws only when no answer came.
    func send(_ method: HTTPMethod, key: String?, query: [(name: String, value: String)] = [],
              headers extra: [(name: String, value: String)] = [], body: [UInt8]? = nil, payloadHash: String? = nil,
              operation: String) throws(S3Error) -> Response {
        let path = "/\(location.bucket)" + (key.map { "/\(location.prefix)\($0)" } ?? "")
        let hash = payloadHash ?? SignatureV4.hexSHA256(body ?? [])
        let unsigned = SignatureV4.Request(method: method.rawValue, path: path, query: query,
                                           headers: [("host", location.host)] + extra, payloadHash: hash)
        var url = location.endpoint + SignatureV4.encodePath(path)
        if !query.isEmpty { url += "?" + SignatureV4.canonicalQuery(query) }
        var headers = HTTPHeaders()
        for header in signer.signedHeaders(unsigned, date: Date()) { headers.add(name: header.name, value: header.value) }
        do {
            let request = try HTTPClient.Request(url: url, method: method, headers: headers, body: body.map { .bytes($0) })
            let response = try Self.http.execute(request: request, deadline: .now() + requestTimeout).wait()
            let bytes = response.body.map { Array($0.readableBytesView) } ?? []
            return Response(status: Int(response.status.code), headers: response.headers, body: bytes)
        } catch {
            throw .unreachable(endpoint: location.endpoint, reason: ConnectionFailure.reason(for: error))
        }
    }

    /// The error an answer with a failing status stands for, from S3's `<Error>` body when there
    /// is one (a HEAD answer has none).
    func failure(_ response: Response, operation: String) -> S3Error {
        var code = "", message = ""
        if !response.body.isEmpty {
            let xml = S3XML(response.body)
            guard xml.isComplete(root: "Error"), let found = xml.value("Code") else {
                let start = String(decoding: response.body.prefix(120), as: UTF8.self)
                return .malformedResponse(operation: operation,
                                          reason: "HTTP \(response.status) with a body that is not an S3 error: \(start.debugDescription)")
            }
            code = found
            message = xml.value("Message") ?? ""
        }
        switch (response.status, code) {
        case (_, "NoSuchBucket"): return .noSuchBucket(location.bucket)
        case (_, "InvalidAccessKeyId"), (_, "SignatureDoesNotMatch"), (_, "AccessDenied"), (403, ""):
            return .accessDenied(code: code.isEmpty ? "HTTP 403" : code, message: message.isEmpty ? "access denied" : message)
        default:
            return .failed(operation: operation, status: response.status, code: code, message: message)
        }
    }
}

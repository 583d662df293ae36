import Crypto
import Foundation

/// AWS Signature Version 4 (`AWS4-HMAC-SHA256`): the canonical request, the string to sign, the
/// signing key and the signature, for an `Authorization` header or a presigned URL. It signs what
/// it is given and sends nothing: the S3 client builds on it.
public struct SignatureV4: Sendable {
    public static let algorithm = "AWS4-HMAC-SHA256"
    /// The payload hash of a presigned URL: its body is not known when the URL is made.
    public static let unsignedPayload = "UNSIGNED-PAYLOAD"

    public let credentials: AWSCredentials
    public let region: String
    public let service: String

    public init(credentials: AWSCredentials, region: String, service: String) {
        self.credentials = credentials
        self.region = region
        self.service = service
    }

    /// What is signed of one request: the path as sent (not yet percent-encoded), the query's
    /// parameters (undecoded), the headers signed (at least `host`), and the payload's SHA-256.
    public struct Request: Sendable {
        public var method: String
        public var path: String
        public var query: [(name: String, value: String)]
        public var headers: [(name: String, value: String)]
        public var payloadHash: String

        public init(method: String, path: String, query: [(name: String, value: String)] = [],
                    headers: [(name: String, value: String)], payloadHash: String) {
            self.method = method
            self.path = path
            self.query = query
            self.headers = headers
            self.payloadHash = payloadHash
        }
    }

    /// The canonical request: method, encoded path, sorted encoded query, lowercased sorted
    /// headers with trimmed values, the signed header names, the payload hash.
    public func canonicalRequest(_ request: Request) -> String {
        [request.method,
         Self.encodePath(request.path),
         Self.canonicalQuery(request.query),
         Self.canonicalHeaders(request.headers).map { "\($0.name):\($0.value)\n" }.joined(),
         Self.signedHeaderNames(request.headers),
         request.payloadHash].joined(separator: "\n")
    }

    /// `<date>/<region>/<service>/aws4_request`.
    public func scope(date: Date) -> String {
        "\(AMZDate(date).day)/\(region)/\(service)/aws4_request"
    }

    /// The algorithm, the time, the scope and the canonical request's hash, one per line.
    public func stringToSign(canonicalRequest: String, date: Date) -> String {
        [Self.algorithm, AMZDate(date).stamp, scope(date: date), Self.hexSHA256(Array(canonicalRequest.utf8))].joined(separator: "\n")
    }

    /// HMAC chain of the secret over the day, the region, the service and `aws4_request`.
    public func signingKey(date: Date) -> SymmetricKey {
        var key = SymmetricKey(data: Array("AWS4\(credentials.secretAccessKey)".utf8))
        for part in [AMZDate(date).day, region, service, "aws4_request"] {
            key = SymmetricKey(data: HMAC<SHA256>.authenticationCode(for: Array(part.utf8), using: key))
        }
        return key
    }

    /// The hex signature of the request at `date`.
    public func signature(_ request: Request, date: Date) -> String {
        let toSign = stringToSign(canonicalRequest: canonicalRequest(request), date: date)
        return Self.hex(HMAC<SHA256>.authenticationCode(for: Array(toSign.utf8), using: signingKey(date: date)))
    }

    /// The `Authorization` header's value for a request whose headers already hold `x-amz-date`
    /// (and, for S3, `x-amz-content-sha256`).
    public func authorization(_ request: Request, date: Date) -> String {
        "\(Self.algorithm) Credential=\(credentials.accessKeyID)/\(scope(date: date)), "
            + "SignedHeaders=\(Self.signedHeaderNames(request.headers)), Signature=\(signature(request, date: date))"
    }

    /// Adds `x-amz-date` (and `x-amz-content-sha256` for S3) to the headers, then the
    /// `Authorization` header: the headers to send.
    public func signedHeaders(_ request: Request, date: Date) -> [(name: String, value: String)] {
        var request = request
        request.headers.append(("x-amz-date", AMZDate(date).stamp))
        if service == "s3" { request.headers.append(("x-amz-content-sha256", request.payloadHash)) }
        return request.headers + [("Authorization", authorization(request, date: date))]
    }

    /// A URL that authorises this one request, without headers, for `expires` seconds from `date`
    /// (at most a week): query-string authentication, signing only `host`.
    /// `base` is the scheme and authority (`https://examplebucket.s3.amazonaws.com`).
    public func presignedURL(method: String, base: String, host: String, path: String,
                             query: [(name: String, value: String)] = [], expires: Int, date: Date) -> String {
        var parameters = query
        parameters += [("X-Amz-Algorithm", Self.algorithm),
                       ("X-Amz-Credential", "\(credentials.accessKeyID)/\(scope(date: date))"),
                       ("X-Amz-Date", AMZDate(date).stamp),
                       ("X-Amz-Expires", String(min(max(expires, 1), 604_800))),
                       ("X-Amz-SignedHeaders", "host")]
        let request = Request(method: method, path: path, query: parameters, headers: [("host", host)], payloadHash: Self.unsignedPayload)
        let signature = signature(request, date: date)
        return "\(base)\(Self.encodePath(path))?\(Self.canonicalQuery(parameters))&X-Amz-Signature=\(signature)"
    }
}

import Foundation

/// Where the blobs go: `s3://bucket[/prefix]?endpoint=http://127.0.0.1:9000&region=us-east-1`.
/// Requests are path-style (`<endpoint>/<bucket>/<key>`), which every S3-compatible store serves.
public struct S3Location: Sendable, Equatable {
    public let bucket: String
    /// Prepended to every key (`centre-a/` puts blobs under `centre-a/recordings/…`); empty for none.
    public let prefix: String
    /// Scheme, host and port, with no trailing slash.
    public let endpoint: String
    /// The `Host` header the signature covers: host, and port when not the scheme's own.
    public let host: String
    public let region: String

    /// Parses an `s3://` URL; AWS itself when no endpoint is given (`https://s3.<region>.amazonaws.com`).
    public init(parsing text: String) throws(S3Error) {
        guard let url = URLComponents(string: text), url.scheme == "s3" else {
            throw .invalidLocation(text, reason: "not an s3:// URL")
        }
        guard let bucket = url.host, !bucket.isEmpty else { throw .invalidLocation(text, reason: "no bucket name") }
        // S3's rules: 3 to 63 lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit.
        let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789.-")
        guard (3...63).contains(bucket.count), bucket.allSatisfy(allowed.contains),
              bucket.first?.isLetter == true || bucket.first?.isNumber == true,
              bucket.last?.isLetter == true || bucket.last?.isNumber == true else {
            throw .invalidLocation(text, reason: "\(bucket) is not a valid bucket name (3 to 63 of a-z, 0-9, '.', '-')")
        }
        var region = "us-east-1", endpoint: String?
        for item in url.queryItems ?? [] {
            switch item.name {
            case "region":
                guard let value = item.value, !value.isEmpty else { throw .invalidLocation(text, reason: "empty region") }
                region = value
            case "endpoint":
                endpoint = item.value
            default:
                throw .invalidLocation(text, reason: "unknown parameter \(item.name)")
            }
        }
        let endpointText = endpoint ?? "https://s3.\(region).amazonaws.com"
        guard let parsed = URLComponents(string: endpointText), let scheme = parsed.scheme, ["http", "https"].contains(scheme),
              let endpointHost = parsed.host, !endpointHost.isEmpty, parsed.path.isEmpty || parsed.path == "/",
              parsed.query == nil else {
            throw .invalidLocation(text, reason: "the endpoint must be http:// or https:// with a host and no path")
        }
        let defaultPort = scheme == "https" ? 443 : 80
        let port = parsed.port.map { $0 == defaultPort ? "" : ":\($0)" } ?? ""
        let bracketed = endpointHost.contains(":") ? "[\(endpointHost)]" : endpointHost
        self.bucket = bucket
        self.region = region
        self.host = bracketed + port
        self.endpoint = "\(scheme)://\(self.host)"
        let path = url.path.split(separator: "/").joined(separator: "/")
        self.prefix = path.isEmpty ? "" : path + "/"
    }
}

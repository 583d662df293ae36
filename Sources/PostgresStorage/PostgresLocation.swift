/// Where the database is: parsed from
/// `postgres://user[:password]@host[:port]/database[?sslmode=…&sslrootcert=FILE]`.
public struct PostgresLocation: Sendable, Equatable, CustomStringConvertible {
    /// Whether the connection is encrypted, with libpq's names.
    public enum TLSMode: String, Sendable, Equatable {
        /// Plain TCP.
        case disable
        /// TLS when the server offers it, plain otherwise; the certificate is not checked.
        case prefer
        /// TLS or no connection; the certificate is not checked.
        case require
        /// TLS with the server's certificate checked against the system's roots (or `sslrootcert`)
        /// and its name against the host.
        case verifyFull = "verify-full"
    }

    public var host: String
    public var port: Int
    public var user: String
    public var password: String?
    public var database: String
    public var tls: TLSMode
    /// A PEM file of the certificate authorities to trust instead of the system's.
    public var rootCertificate: String?

    public init(host: String, port: Int = 5432, user: String, password: String? = nil, database: String, tls: TLSMode = .prefer,
                rootCertificate: String? = nil) {
        self.host = host
        self.port = port
        self.user = user
        self.password = password
        self.database = database
        self.tls = tls
        self.rootCertificate = rootCertificate
    }

    /// Reads a `postgres://` or `postgresql://` URL; nil when it is not one, names no user, host
    /// or database, or has an unknown `sslmode`. Without `sslmode`, TLS is used when the server
    /// offers it (libpq's `prefer`).
    public init?(url text: String) {
        guard let schemeEnd = text.range(of: "://") else { return nil }
        let scheme = text[..<schemeEnd.lowerBound].lowercased()
        guard scheme == "postgres" || scheme == "postgresql" else { return nil }
        let rest = text[schemeEnd.upperBound...]
        guard let at = rest.lastIndex(of: "@"), let slash = rest[at...].firstIndex(of: "/") else { return nil }
        let credentials = rest[..<at], address = rest[rest.index(after: at)..<slash]
        let path = rest[rest.index(after: slash)...]
        let database = path.prefix { $0 != "?" }
        var tls = TLSMode.prefer, rootCertificate: String?
        for item in path.dropFirst(database.count + 1).split(separator: "&") {
            let pair = item.split(separator: "=", maxSplits: 1).map { String($0).removingPercentEncoding ?? String($0) }
            switch (pair.first, pair.count == 2 ? pair[1] : nil) {
            case ("sslmode", let mode?):
                guard let known = TLSMode(rawValue: mode) else { return nil }
                tls = known
            case ("sslrootcert", let file?):
                rootCertificate = file
            default:
                continue
            }
        }
        let userPart = credentials.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        guard let user = userPart.first.flatMap({ String($0).removingPercentEncoding }), !user.isEmpty, !database.isEmpty else { return nil }
        var host = String(address), port = 5432
        if let colon = address.lastIndex(of: ":"), !address.hasSuffix("]") {
            guard let number = Int(address[address.index(after: colon)...]), (1...65_535).contains(number) else { return nil }
            host = String(address[..<colon])
            port = number
        }
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty, let name = String(database).removingPercentEncoding else { return nil }
        self.init(host: host, port: port, user: user, password: userPart.count > 1 ? String(userPart[1]).removingPercentEncoding : nil,
                  database: name, tls: tls, rootCertificate: rootCertificate)
    }

    /// The URL without its password, for messages.
    public var description: String {
        "postgres://\(user)@\(host.contains(":") ? "[\(host)]" : host):\(port)/\(database)" + (tls == .prefer ? "" : "?sslmode=\(tls.rawValue)")
    }
}

import Foundation

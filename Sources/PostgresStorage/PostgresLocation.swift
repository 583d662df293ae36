/// Where the database is: parsed from `postgres://user[:password]@host[:port]/database`.
public struct PostgresLocation: Sendable, Equatable, CustomStringConvertible {
    public var host: String
    public var port: Int
    public var user: String
    public var password: String?
    public var database: String

    public init(host: String, port: Int = 5432, user: String, password: String? = nil, database: String) {
        self.host = host
        self.port = port
        self.user = user
        self.password = password
        self.database = database
    }

    /// Reads a `postgres://` or `postgresql://` URL; nil when it is not one, or names no user,
    /// host or database.
    public init?(url text: String) {
        guard let schemeEnd = text.range(of: "://") else { return nil }
        let scheme = text[..<schemeEnd.lowerBound].lowercased()
        guard scheme == "postgres" || scheme == "postgresql" else { return nil }
        let rest = text[schemeEnd.upperBound...]
        guard let at = rest.lastIndex(of: "@"), let slash = rest[at...].firstIndex(of: "/") else { return nil }
        let credentials = rest[..<at], address = rest[rest.index(after: at)..<slash]
        let database = rest[rest.index(after: slash)...].prefix { $0 != "?" }
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
                  database: name)
    }

    /// The URL without its password, for messages.
    public var description: String {
        "postgres://\(user)@\(host.contains(":") ? "[\(host)]" : host):\(port)/\(database)"
    }
}

import Foundation

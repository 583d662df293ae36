import Foundation
import S3Storage

/// Which engines a live server keeps its library in: the embedded default (a SQLite file and the
/// media folder), or the network's (a PostgreSQL database and an S3 bucket).
public enum LiveStores: String, Sendable, CaseIterable {
    case embedded
    case network
}

/// A new, empty library on some engines, for real `parlons` processes: the options and
/// environment that name it, and a way to read a stored blob back from where it is kept.
public final class LiveLibrary: Sendable {
    public let stores: LiveStores
    /// Options for every `parlons` command on this library (nothing for the embedded default).
    public let arguments: [String]
    /// Variables for every `parlons` command (the bucket's credentials).
    public let environment: [String: String]
    private let database: String?
    private let bucket: S3Client?

    /// A new database in the tests' PostgreSQL cluster and a new bucket in their S3 server, or
    /// nothing to make for the embedded default.
    public init(_ stores: LiveStores) throws {
        self.stores = stores
        guard stores == .network else {
            arguments = []
            environment = [:]
            database = nil
            bucket = nil
            return
        }
        let cluster = try PostgresCluster.shared()
        let database = try cluster.createDatabase(prefix: "live")
        let moto = try MotoServer.shared()
        let bucket = "live-\(UUID().uuidString.lowercased().prefix(18))"
        let location = "s3://\(bucket)?endpoint=\(moto.endpoint)&region=us-east-1"
        let client = S3Client(location: try S3Location(parsing: location),
                              credentials: AWSCredentials(accessKeyID: moto.accessKeyID, secretAccessKey: moto.secretAccessKey))
        try client.createBucket()
        self.database = database
        self.bucket = client
        arguments = ["--database", cluster.url(database: database), "--blobs", location]
        environment = ["AWS_ACCESS_KEY_ID": moto.accessKeyID, "AWS_SECRET_ACCESS_KEY": moto.secretAccessKey]
    }

    /// ``init(_:)`` for async tests, on a thread of its own: on the network's engines the first one
    /// waits seconds for the PostgreSQL cluster and moto to start, which must not hold a thread
    /// async tests share.
    public static func make(_ stores: LiveStores) async throws -> LiveLibrary {
        try await onOwnThread { try LiveLibrary(stores) }
    }

    /// The bytes of a stored recording (`.opus`) under `mediaRoot` or in the bucket; nil when there is none.
    public func storedRecording(sha256: String, mediaRoot: URL) throws -> [UInt8]? {
        let key = "recordings/\(sha256.prefix(2))/\(sha256.dropFirst(2).prefix(2))/\(sha256).opus"
        guard let bucket else {
            return try? [UInt8](Data(contentsOf: mediaRoot.appendingPathComponent(key)))
        }
        guard let size = try bucket.size(of: key) else { return nil }
        return try bucket.get(key, range: 0..<size)
    }

    /// Drops the database (the bucket goes with the S3 server).
    public func remove() {
        if let database { try? PostgresCluster.shared().dropDatabase(database) }
    }
}

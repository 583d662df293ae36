import Crypto
import Foundation
import S3Storage
import TestSupport

/// A network of centres on this machine: one new database in the tests' PostgreSQL cluster, one
/// new bucket on the tests' moto server, an admin `tester` with a bearer token (made with the
/// CLI), and `parlons serve` nodes on both, each on its own loopback port and media root (which
/// holds only its staged uploads).
final class NodeNetwork: Sendable {
    let cluster: PostgresCluster
    let database: String
    let moto: MotoServer
    let bucket: String
    let adminToken: String
    /// Holds the CLI's local files (none should appear: rows and blobs live elsewhere).
    let cliRoot: URL

    /// A new network, made on a thread of its own: the first one waits seconds for the cluster and
    /// moto to start, every one for the CLI, which must not hold a thread async tests share.
    static func make() async throws -> NodeNetwork {
        try await onOwnThread { try NodeNetwork() }
    }

    private init() throws {
        cluster = try PostgresCluster.shared()
        database = try cluster.createDatabase(prefix: "network")
        moto = try MotoServer.shared()
        bucket = "parlons-network-\(UUID().uuidString.lowercased().prefix(13))"
        cliRoot = try ExternalTool.temporaryDirectory("parlons-network-cli")
        let location = "s3://\(bucket)?endpoint=\(moto.endpoint)&region=us-east-1"
        try S3Client(location: try S3Location(parsing: location),
                     credentials: AWSCredentials(accessKeyID: moto.accessKeyID, secretAccessKey: moto.secretAccessKey)).createBucket()
        // The CLI's commands here touch rows only: no --blobs (nor its credentials).
        let place = ["--media", cliRoot.path, "--database", cluster.url(database: database)]
        try ExternalTool.run(ServerProcess.binaryPath, ["user", "add", "--name", "tester", "--role", "admin"] + place)
        adminToken = try ExternalTool.run(ServerProcess.binaryPath, ["token", "create", "--user", "tester"] + place).stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    var databaseURL: String { cluster.url(database: database) }
    var blobLocation: String { "s3://\(bucket)?endpoint=\(moto.endpoint)&region=us-east-1" }
    var environment: [String: String] { ["AWS_ACCESS_KEY_ID": moto.accessKeyID, "AWS_SECRET_ACCESS_KEY": moto.secretAccessKey] }
    private var cliPlace: [String] { ["--media", cliRoot.path, "--database", databaseURL] }

    /// Runs the CLI on the network's database and bucket, `input` on its standard input.
    func cli(_ arguments: [String], input: String) async throws {
        let command = ([ServerProcess.binaryPath] + arguments + cliPlace).map { "'\($0)'" }.joined(separator: " ")
        try await ExternalTool.run("sh", ["-c", "printf '%s\\n' \"$0\" | \(command)", input])
    }

    /// Starts a node (its own media root for staging, a new one when nil) with extra `serve` options.
    func node(mediaRoot: URL? = nil, _ arguments: [String] = []) async throws -> ServerProcess {
        try await ServerProcess.start(mediaRoot: mediaRoot, arguments: ["--database", databaseURL, "--blobs", blobLocation] + arguments,
                                      environment: environment, bootstrapAdmin: false)
    }

    /// The content hashes of the bucket's objects of one kind (`recordings`, `peaks`, `pictures`).
    func storedHashes(_ folder: String) throws -> Set<String> {
        Set(try bucketClient().list(prefix: "\(folder)/").map { String($0.split(separator: "/").last!.split(separator: ".")[0]) })
    }

    /// The content hashes a column of the database's rows name.
    func referencedHashes(_ column: String, of table: String) throws -> Set<String> {
        Set(try cluster.psql("SELECT DISTINCT \(column) FROM \(table) WHERE \(column) IS NOT NULL", database: database)
            .split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
    }

    func admin(_ node: ServerProcess) -> HTTPTestClient { node.client(token: adminToken) }

    /// A client of the bucket itself, to look at its objects.
    func bucketClient() throws -> S3Client {
        S3Client(location: try S3Location(parsing: blobLocation),
                 credentials: AWSCredentials(accessKeyID: moto.accessKeyID, secretAccessKey: moto.secretAccessKey))
    }

    /// Drops the database and empties the bucket (moto keeps it in memory).
    func tearDown() {
        try? cluster.dropDatabase(database)
        if let client = try? bucketClient() {
            for key in (try? client.list(prefix: "")) ?? [] { try? client.delete(key) }
        }
        try? FileManager.default.removeItem(at: cliRoot)
    }

    static func sha256(_ bytes: [UInt8]) -> String {
        SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
    }

    /// Asks `probe` every 20 ms until it says yes; the time that took, or nil after `limit`.
    static func elapsedUntil(limit: TimeInterval, _ probe: () async throws -> Bool) async throws -> TimeInterval? {
        let start = Date()
        while Date().timeIntervalSince(start) < limit {
            if try await probe() { return Date().timeIntervalSince(start) }
            try await Task.sleep(for: .milliseconds(20))
        }
        return nil
    }
}

extension HTTPTestClient.Body {
    /// A JSON body.
    static func json(_ object: [String: Any]) -> HTTPTestClient.Body {
        .bytes([UInt8]((try? JSONSerialization.data(withJSONObject: object)) ?? Data()))
    }
}

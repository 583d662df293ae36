import Foundation
import PostgresStorage
import S3Storage
import Storage
import TestSupport

/// Where a test moves a library: a new database in the test process's PostgreSQL cluster and a
/// new key prefix in moto's bucket (made once per process).
struct Destination: Sendable {
    let databaseURL: String
    let blobsURL: String
    let database: PostgresMetadataStore
    let stores: Stores

    static let bucket = "parlons-migration"
    private static let preparedMoto = Result {
        let moto = try MotoServer.shared()
        try S3Client(location: try S3Location(parsing: "s3://\(bucket)?endpoint=\(moto.endpoint)&region=us-east-1"),
                     credentials: credentials(moto)).createBucket()
        return moto
    }

    static func credentials(_ moto: MotoServer) -> AWSCredentials {
        AWSCredentials(accessKeyID: moto.accessKeyID, secretAccessKey: moto.secretAccessKey)
    }

    /// A new empty database and bucket prefix, staging under `staging`.
    static func make(staging: URL) async throws -> Destination {
        let cluster = try await PostgresCluster.shared()
        let url = cluster.url(database: try cluster.createDatabase(prefix: "migration"))
        // The first call starts moto (seconds): on a thread of its own, as PostgresCluster.shared()'s.
        let moto = try await onOwnThread { try preparedMoto.get() }
        return try await open(databaseURL: url, blobsURL: "s3://\(bucket)/\(UUID().uuidString)?endpoint=\(moto.endpoint)&region=us-east-1",
                              staging: staging)
    }

    /// The destination's stores opened again (as a server started on them would).
    static func open(databaseURL: String, blobsURL: String, staging: URL) async throws -> Destination {
        let database = try await PostgresMetadataStore.open(PostgresLocation(url: databaseURL)!, maximumConnections: 4)
        let blobs = try S3BlobStores.open(location: try S3Location(parsing: blobsURL), credentials: credentials(try preparedMoto.get()),
                                          stagingRoot: staging)
        return Destination(databaseURL: databaseURL, blobsURL: blobsURL, database: database,
                           stores: database.stores(audio: blobs.audio, peaks: blobs.peaks, pictures: blobs.pictures))
    }

    func reopened(staging: URL) async throws -> Destination {
        try await Self.open(databaseURL: databaseURL, blobsURL: blobsURL, staging: staging)
    }
}

import Foundation
import Storage

/// The audio, peaks and picture stores in one bucket, apart by folder.
public struct S3BlobStores: Sendable {
    public let audio: S3BlobStore
    public let peaks: S3BlobStore
    public let pictures: S3BlobStore

    /// Checks the bucket and the credentials (one listing), then opens the three stores, each
    /// staging its writes under `stagingRoot` and sparing in its recovery what is younger than
    /// `sweepGrace` (see ``S3BlobStore/sweepGrace``).
    public static func open(location: S3Location, credentials: AWSCredentials, stagingRoot: URL,
                            requestTimeout: Duration = .seconds(60), partSize: Int = 8 * 1_024 * 1_024,
                            sweepGrace: Duration = .zero) throws -> S3BlobStores {
        let client = S3Client(location: location, credentials: credentials, requestTimeout: requestTimeout)
        try client.checkBucket()
        func store(_ kind: MediaStoreKind) throws -> S3BlobStore {
            try S3BlobStore(client: client, kind: kind, stagingRoot: stagingRoot, partSize: partSize, sweepGrace: sweepGrace)
        }
        return S3BlobStores(audio: try store(.recordings), peaks: try store(.peaks), pictures: try store(.pictures))
    }
}

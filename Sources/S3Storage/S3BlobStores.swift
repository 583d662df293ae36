import Foundation
import Storage

/// The audio, peaks and picture stores in one bucket, apart by folder.
public struct S3BlobStores: Sendable {
    public let audio: S3BlobStore
    public let peaks: S3BlobStore
    public let pictures: S3BlobStore

    /// Checks the bucket and the credentials (one listing), then opens the three stores, each
    /// staging its writes under `stagingRoot`.
    public static func open(location: S3Location, credentials: AWSCredentials, stagingRoot: URL,
                            requestTimeout: Duration = .seconds(60), partSize: Int = 8 * 1_024 * 1_024) throws -> S3BlobStores {
        let client = S3Client(location: location, credentials: credentials, requestTimeout: requestTimeout)
        try client.checkBucket()
        return S3BlobStores(audio: try S3BlobStore(client: client, kind: .recordings, stagingRoot: stagingRoot, partSize: partSize),
                            peaks: try S3BlobStore(client: client, kind: .peaks, stagingRoot: stagingRoot, partSize: partSize),
                            pictures: try S3BlobStore(client: client, kind: .pictures, stagingRoot: stagingRoot, partSize: partSize))
    }
}

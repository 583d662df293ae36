import EmbeddedStorage
import Foundation
import S3Storage
import Storage
import StoreConformance
import TestSupport

/// The S3 blob stores for the conformance suite, on the test process's moto server: one bucket
/// made once, and a key prefix of its own for each factory call, so that one behaviour's recovery
/// never sees another's blobs. The metadata stores are the embedded ones (this suite is about blobs).
enum S3TestStores {
    static let bucket = "parlons-tests"

    /// The open moto server, its bucket made (once per process).
    static func server() throws -> MotoServer {
        try prepared.get()
    }

    /// The moto server that checks every signature, its bucket made (once per process).
    static func authenticatingServer() throws -> MotoServer {
        try preparedChecking.get()
    }

    /// ``server()`` for async code (Swift picks it there), on a thread of its own: the first call
    /// waits seconds for moto to start, and the calls made meanwhile wait for it.
    static func server() async throws -> MotoServer {
        try await onOwnThread { try prepared.get() }
    }

    /// ``authenticatingServer()`` for async code, on a thread of its own (as ``server()``'s).
    static func authenticatingServer() async throws -> MotoServer {
        try await onOwnThread { try preparedChecking.get() }
    }

    private static let prepared = Result {
        let moto = try MotoServer.shared()
        try client(moto, prefix: "").createBucket()
        return moto
    }

    private static let preparedChecking = Result {
        let moto = try MotoServer.authenticating()
        try client(moto, prefix: "").createBucket()
        return moto
    }

    static func credentials(_ moto: MotoServer) -> AWSCredentials {
        AWSCredentials(accessKeyID: moto.accessKeyID, secretAccessKey: moto.secretAccessKey)
    }

    static func location(_ moto: MotoServer, bucket: String = bucket, prefix: String) throws -> S3Location {
        try S3Location(parsing: "s3://\(bucket)/\(prefix)?endpoint=\(moto.endpoint)&region=us-east-1")
    }

    static func client(_ moto: MotoServer, prefix: String) throws -> S3Client {
        S3Client(location: try location(moto, prefix: prefix), credentials: credentials(moto))
    }

    static func check(_ conformance: ConformanceCase) async throws {
        let moto = try await server()
        let parent = try ExternalTool.temporaryDirectory("parlons-s3-conformance")
        defer { try? FileManager.default.removeItem(at: parent) }
        try await conformance.run {
            let folder = parent.appendingPathComponent(UUID().uuidString, isDirectory: true)
            let embedded = try EmbeddedStorage.open(root: folder)
            let blobs = try S3BlobStores.open(location: try location(moto, prefix: UUID().uuidString), credentials: credentials(moto),
                                              stagingRoot: folder.appendingPathComponent("staging", isDirectory: true))
            return Stores(recordings: embedded.recordings, people: embedded.people, credentials: embedded.credentials,
                          sessions: embedded.sessions, transcripts: embedded.transcripts, progress: embedded.progress,
                          scenarios: embedded.scenarios, labels: embedded.labels, photos: embedded.photos, sync: embedded.sync,
                          audio: blobs.audio, peaks: blobs.peaks, pictures: blobs.pictures)
        }
    }
}

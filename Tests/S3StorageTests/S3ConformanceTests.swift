import StoreConformance
import Testing

/// The blob store protocol's conformance suite on S3BlobStore, against moto on loopback.
@Suite("BlobStore on an S3 server")
struct S3ConformanceTests {
    @Test("BlobStore", arguments: BlobStoreConformance.cases)
    func blobs(_ check: ConformanceCase) async throws { try await S3TestStores.check(check) }
}

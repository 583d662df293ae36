import StoreConformance
import Testing

/// Every store protocol's conformance suite on PostgreSQL: a real server (a throwaway cluster
/// started by the tests), a new database per store, blobs in media folders.
@Suite("Store protocols on PostgreSQL and the media folder")
struct PostgresConformanceTests {
    @Test("RecordingStore", arguments: RecordingStoreConformance.cases)
    func recordings(_ check: ConformanceCase) async throws { try await PostgresStores.check(check) }

    @Test("RecordingLibrary", arguments: RecordingLibraryConformance.cases)
    func library(_ check: ConformanceCase) async throws { try await PostgresStores.check(check) }

    @Test("PeopleStore", arguments: PeopleStoreConformance.cases)
    func people(_ check: ConformanceCase) async throws { try await PostgresStores.check(check) }

    @Test("CredentialStore", arguments: CredentialStoreConformance.cases)
    func credentials(_ check: ConformanceCase) async throws { try await PostgresStores.check(check) }

    @Test("SessionStore", arguments: SessionStoreConformance.cases)
    func sessions(_ check: ConformanceCase) async throws { try await PostgresStores.check(check) }

    @Test("TranscriptStore", arguments: TranscriptStoreConformance.cases)
    func transcripts(_ check: ConformanceCase) async throws { try await PostgresStores.check(check) }

    @Test("ProgressStore", arguments: ProgressStoreConformance.cases)
    func progress(_ check: ConformanceCase) async throws { try await PostgresStores.check(check) }

    @Test("ScenarioStore", arguments: ScenarioStoreConformance.cases)
    func scenarios(_ check: ConformanceCase) async throws { try await PostgresStores.check(check) }

    @Test("LabelStore", arguments: LabelStoreConformance.cases)
    func labels(_ check: ConformanceCase) async throws { try await PostgresStores.check(check) }

    @Test("PhotoStore", arguments: PhotoStoreConformance.cases)
    func photos(_ check: ConformanceCase) async throws { try await PostgresStores.check(check) }

    @Test("SyncStore", arguments: SyncStoreConformance.cases)
    func sync(_ check: ConformanceCase) async throws { try await PostgresStores.check(check) }

    @Test("BlobStore", arguments: BlobStoreConformance.cases)
    func blobs(_ check: ConformanceCase) async throws { try await PostgresStores.check(check) }
}

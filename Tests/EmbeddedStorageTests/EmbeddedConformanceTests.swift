import StoreConformance
import Testing

/// Every store protocol's conformance suite, on the embedded implementation: real SQLite files
/// and media folders in temporary folders.
@Suite("Store protocols on SQLite and the media folder")
struct EmbeddedConformanceTests {
    @Test("RecordingStore", arguments: RecordingStoreConformance.cases)
    func recordings(_ check: ConformanceCase) async throws { try await EmbeddedStores.check(check) }

    @Test("RecordingLibrary", arguments: RecordingLibraryConformance.cases)
    func library(_ check: ConformanceCase) async throws { try await EmbeddedStores.check(check) }

    @Test("PeopleStore", arguments: PeopleStoreConformance.cases)
    func people(_ check: ConformanceCase) async throws { try await EmbeddedStores.check(check) }

    @Test("CredentialStore", arguments: CredentialStoreConformance.cases)
    func credentials(_ check: ConformanceCase) async throws { try await EmbeddedStores.check(check) }

    @Test("SessionStore", arguments: SessionStoreConformance.cases)
    func sessions(_ check: ConformanceCase) async throws { try await EmbeddedStores.check(check) }

    @Test("TranscriptStore", arguments: TranscriptStoreConformance.cases)
    func transcripts(_ check: ConformanceCase) async throws { try await EmbeddedStores.check(check) }

    @Test("ProgressStore", arguments: ProgressStoreConformance.cases)
    func progress(_ check: ConformanceCase) async throws { try await EmbeddedStores.check(check) }

    @Test("ScenarioStore", arguments: ScenarioStoreConformance.cases)
    func scenarios(_ check: ConformanceCase) async throws { try await EmbeddedStores.check(check) }

    @Test("LabelStore", arguments: LabelStoreConformance.cases)
    func labels(_ check: ConformanceCase) async throws { try await EmbeddedStores.check(check) }

    @Test("PhotoStore", arguments: PhotoStoreConformance.cases)
    func photos(_ check: ConformanceCase) async throws { try await EmbeddedStores.check(check) }

    @Test("SyncStore", arguments: SyncStoreConformance.cases)
    func sync(_ check: ConformanceCase) async throws { try await EmbeddedStores.check(check) }

    @Test("BlobStore", arguments: BlobStoreConformance.cases)
    func blobs(_ check: ConformanceCase) async throws { try await EmbeddedStores.check(check) }
}

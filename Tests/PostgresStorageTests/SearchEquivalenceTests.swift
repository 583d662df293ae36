import EmbeddedStorage
import Foundation
import Storage
import TestSupport
import Testing
import Transcripts

/// The PostgreSQL search gives what the SQLite search gives on the same data: the same hits in the
/// same order, the same snippets and marks, for accents, case, apostrophes, hyphens, numbers,
/// prefixes and search syntax typed as text.
@Suite("Transcript search on PostgreSQL and SQLite alike")
struct SearchEquivalenceTests {
    static let transcripts = [
        "Bonjour, je m'appelle Amina.\nMon fils va à l'École Jules-Ferry.",
        "Le marché est fermé le lundi.\nLes élèves MARCHENT vite.",
        "Aujourd'hui il pleut ; demain, il fera beau.\nNous habitons au 12, rue de la Paix.",
        "Où est la gare ? À droite, après le café.\nIl a 3 enfants et 2 chats.",
        "Ça coûte cinq euros.\nÉlodie et Noël ont dîné à Noël.",
        "Le marché, encore.\nMarcher jusqu'à l'école.",
    ]

    static let queries = [
        "ecole", "ÉCOLE", "marche", "march", "fils ecole", "aujourd", "aujourd'hui", "hui", "jules", "jules ferry", "ferry",
        "12", "1", "3 enfants", "ca", "ça coute", "noel", "dine", "ou", "où est", "a", "le", "l", "gare droite", "cafe", "xyz",
        "e", "Marchent", "\"école\" OR NEAR(", "élè", "paix rue", "12 rue", "",
    ]

    @Test("every query finds the same hits, snippets and marks on both engines, for an admin and for anyone")
    func sameResults() async throws {
        let cluster = try await PostgresCluster.shared()
        let database = try cluster.createDatabase(prefix: "search")
        let folder = try ExternalTool.temporaryDirectory("parlons-search")
        defer {
            try? FileManager.default.removeItem(at: folder)
            try? cluster.dropDatabase(database)
        }
        let embedded = try EmbeddedStorage.open(root: folder.appendingPathComponent("sqlite"))
        let postgres = try await PostgresStores.open(url: cluster.url(database: database), root: folder.appendingPathComponent("postgres"))
        for (index, text) in Self.transcripts.enumerated() {
            let recording = Recording(id: "rec\(index)", title: "t", language: "fr", durationMs: 1_000, sampleCount: 48_000,
                                      inputSampleRate: 48_000, inputChannels: 1, bitrate: 24_000, byteSize: 3,
                                      sha256: Secret.hash("\(index)"), sourceFormat: "wav/pcm16", createdAt: Date(),
                                      visibility: index.isMultiple(of: 2) ? .public : .private)
            for stores in [embedded, postgres] {
                _ = try await stores.recordings.insert(recording, publishing: {}, unpublishing: { _ in })
                _ = try await stores.transcripts.saveTranscript(Transcript(language: "fr", plainText: text), recordingId: recording.id,
                                                                change: .text, authorId: nil)
            }
        }
        var hits = 0
        for viewer in [Viewer(personId: "root", role: .admin), Viewer.anonymous()] {
            for query in Self.queries {
                let expected = try await embedded.transcripts.searchTranscripts(query, language: nil, visibleTo: viewer, limit: 100)
                let found = try await postgres.transcripts.searchTranscripts(query, language: nil, visibleTo: viewer, limit: 100)
                #expect(found == expected, "'\(query)' as \(viewer.role?.rawValue ?? "anyone")")
                hits += found.count
            }
        }
        // The comparison means something only if most queries find phrases.
        #expect(hits > 80)
        // Limits cut the same list at the same place.
        for limit in [1, 2, 3] {
            let admin = Viewer(personId: "root", role: .admin)
            #expect(try await postgres.transcripts.searchTranscripts("marche", language: nil, visibleTo: admin, limit: limit)
                    == embedded.transcripts.searchTranscripts("marche", language: nil, visibleTo: admin, limit: limit))
        }
    }
}

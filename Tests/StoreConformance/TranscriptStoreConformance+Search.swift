import Foundation
import Storage
import Testing
import Transcripts

/// Search over transcripts and the gap-fill pool, both filtered by who may hear the recording.
extension TranscriptStoreConformance {
    public static func search(_ factory: StoreFactory) async throws {
        let stores = try await factory()
        let open = try await Seed.recording(stores, bytes: [1])
        let hidden = try await Seed.recording(stores, bytes: [2])
        _ = try await stores.recordings.setVisibility(id: open.id, visibility: .public, sharedWithMentor: false)
        _ = try await stores.transcripts.saveTranscript(timed("Bonjour.\nMon fils va à l'École Jules-Ferry.", from: 1_000),
                                                        recordingId: open.id, change: .align, authorId: nil)
        _ = try await stores.transcripts.saveTranscript(Transcript(language: "fr", plainText: "L'école est fermée."),
                                                        recordingId: hidden.id, change: .text, authorId: nil)
        let anonymous = Viewer.anonymous()
        let hits = try await stores.transcripts.searchTranscripts("ecole", visibleTo: anonymous)
        let hit = try #require(hits.first)
        #expect(hits.count == 1 && hit.recordingId == open.id && hit.segment == 1 && hit.language == "fr")
        #expect(hit.startMs == 1_550)
        #expect(hit.snippet == "Mon fils va à l'École Jules-Ferry.")
        let range = try #require(hit.matches.first)
        #expect((hit.snippet as NSString).substring(with: NSRange(location: range[0], length: range[1])) == "École")
        // An admin hears both; a prefix finds words; search syntax in the query is only text.
        let admin = Viewer(personId: "root", role: .admin)
        #expect(try await stores.transcripts.searchTranscripts("ÉCOLE", visibleTo: admin).count == 2)
        #expect(try await stores.transcripts.searchTranscripts("ferm", visibleTo: admin).map(\.recordingId) == [hidden.id])
        #expect(try await stores.transcripts.searchTranscripts("\"école\" OR NEAR(", visibleTo: admin).isEmpty)
        #expect(try await stores.transcripts.searchTranscripts("école fils", visibleTo: admin).count == 1)
        #expect(try await stores.transcripts.searchTranscripts("…", visibleTo: admin).isEmpty)
        #expect(try await stores.transcripts.searchTranscripts("", visibleTo: admin).isEmpty)
        #expect(try await stores.transcripts.searchTranscripts("ecole", language: "ar", visibleTo: admin).isEmpty)
        #expect(try await stores.transcripts.searchTranscripts("ecole", language: "fr", visibleTo: admin).count == 2)
        // A new revision replaces the old text in the index.
        _ = try await stores.transcripts.saveTranscript(Transcript(language: "fr", plainText: "Le marché."), recordingId: open.id,
                                                        change: .text, authorId: nil)
        #expect(try await stores.transcripts.searchTranscripts("ecole", visibleTo: anonymous).isEmpty)
        #expect(try await stores.transcripts.searchTranscripts("marche", visibleTo: anonymous).count == 1)
    }

    public static func searchOrder(_ factory: StoreFactory) async throws {
        let stores = try await factory()
        var ids: [String] = []
        for (index, text) in ["Le marché.\nIl pleut.\nLe marché est grand.", "Mardi, marché.", "Marcher vite."].enumerated() {
            let recording = try await Seed.recording(stores, bytes: [UInt8(40 + index)])
            _ = try await stores.transcripts.saveTranscript(Transcript(language: "fr", plainText: text), recordingId: recording.id,
                                                            change: .text, authorId: nil)
            ids.append(recording.id)
        }
        let admin = Viewer(personId: "root", role: .admin)
        let hits = try await stores.transcripts.searchTranscripts("marche", visibleTo: admin)
        #expect(hits.map(\.recordingId) == [ids[1], ids[0], ids[0], ids[2]])
        #expect(hits.map(\.segment) == [0, 0, 2, 0])
        // A limit keeps the whole-word matches first.
        #expect(try await stores.transcripts.searchTranscripts("marche", language: nil, visibleTo: admin, limit: 1).map(\.recordingId) == [ids[1]])
        #expect(try await stores.transcripts.searchTranscripts("marche", language: nil, visibleTo: admin, limit: 3).count == 3)
        // Editing an older transcript makes it the newest.
        _ = try await stores.transcripts.saveTranscript(Transcript(language: "fr", plainText: "Le marché, encore."), recordingId: ids[0],
                                                        change: .text, authorId: nil)
        #expect(try await stores.transcripts.searchTranscripts("marche", visibleTo: admin).map(\.recordingId) == [ids[0], ids[1], ids[2]])
    }

    public static func searchPerRole(_ factory: StoreFactory) async throws {
        let stores = try await factory()
        let world = try await AuthorityWorld.build(stores)
        for recording in world.recordings {
            _ = try await stores.transcripts.saveTranscript(Transcript(language: "fr", plainText: "Le voyage de \(recording.title)."),
                                                            recordingId: recording.id, change: .text, authorId: nil)
        }
        for (viewer, name, hears) in RecordingStoreConformance.expectedHearing(world) {
            let hits = try await stores.transcripts.searchTranscripts("voyage", language: nil, visibleTo: viewer, limit: 100)
            let titles = Set(world.recordings.filter { recording in hits.contains { $0.recordingId == recording.id } }.map(\.title))
            #expect(titles == hears && hits.count == hears.count, "\(name)")
        }
    }

    public static func groupTranscriptions(_ factory: StoreFactory) async throws {
        let stores = try await factory()
        let world = try await AuthorityWorld.build(stores)
        let text = timed("Le bus part à huit heures.")
        // Every recording of the class has a timed French transcription; one is in fr-FR, one only translated.
        for recording in world.recordings where recording.groupId == world.classGroup.id {
            let language = recording.id == world.classmateGroup.id ? "fr-FR" : "fr"
            var transcript = text
            transcript.language = language
            _ = try await stores.transcripts.saveTranscript(transcript, recordingId: recording.id, change: .align, authorId: nil)
        }
        let translated = try await Seed.insert(stores, Seed.row(title: "translated", owner: world.learner, group: world.classGroup, visibility: .group))
        _ = try await stores.transcripts.saveTranscript(Transcript(language: "fr", kind: .translation, plainText: "Le bus."),
                                                        recordingId: translated.id, change: .text, authorId: nil)
        _ = try await stores.transcripts.saveTranscript(Transcript(language: "ar", plainText: "الحافلة."), recordingId: world.learnerGroup.id,
                                                        change: .text, authorId: nil)
        func pool(_ viewer: Viewer, excluding: Recording, limit: Int = 100) async throws -> [String] {
            try await stores.transcripts.groupTranscriptions(groupId: world.classGroup.id, language: "fr", excluding: excluding.id,
                                                             visibleTo: viewer, limit: limit).map(\.recordingId)
        }
        let classmate = world.viewer(world.classmate)
        // The classmate hears the class's group, network and public ones, and their own; newest first.
        let expected = [world.classmatePrivate, world.classmateGroup, world.learnerPublic, world.learnerNetwork, world.learnerGroup].map(\.id)
        #expect(try await pool(classmate, excluding: world.trainerPrivate) == expected)
        #expect(try await pool(classmate, excluding: world.classmatePrivate) == Array(expected.dropFirst()))
        #expect(try await pool(classmate, excluding: world.trainerPrivate, limit: 2) == Array(expected.prefix(2)))
        // The trainer hears every learner's, and their own.
        let trainer = try await pool(world.viewer(world.trainer), excluding: world.learnerPublic)
        #expect(Set(trainer) == Set([world.learnerPrivate, world.learnerMentorShared, world.learnerGroup, world.learnerNetwork,
                                     world.trainerPrivate, world.classmateGroup, world.classmatePrivate].map(\.id)))
        // Read back whole, in the language they were saved in.
        let stored = try await stores.transcripts.groupTranscriptions(groupId: world.classGroup.id, language: "fr-FR", excluding: "",
                                                                      visibleTo: classmate, limit: 100)
        #expect(stored.first { $0.recordingId == world.classmateGroup.id }?.transcript.language == "fr-FR")
        #expect(stored.first { $0.recordingId == world.learnerGroup.id }?.transcript.segments == text.segments)
        #expect(try await pool(Viewer.anonymous(), excluding: world.trainerPrivate) == [world.learnerPublic.id])
        #expect(try await stores.transcripts.groupTranscriptions(groupId: world.camp.id, language: "fr", excluding: "",
                                                                 visibleTo: world.viewer(world.admin), limit: 10).isEmpty)
    }
}

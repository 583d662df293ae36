import Exercises
import Foundation
import Services
import Storage
import Transcripts

extension CentreLibrary {
    /// A row in every other table, as the server's work makes them: a network, a mentoring pair, a
    /// kiosk, a one-time link, a locked picture code, a withdrawal, an upload key, a spoken label,
    /// a scenario with a step done and a seed conflict, shipped media, timed words and marked answers.
    static func fillEveryTable(_ stores: Stores, trainer: Person, learner: Person, groupId: String, suffix: String) async throws {
        let network = try await stores.people.insert(Network(name: "Réseau \(suffix)"))
        try await stores.people.join(networkId: network.id, groupId: groupId)
        _ = try await stores.people.insert(MentoringPair(mentorId: trainer.id, newcomerId: learner.id, startsAt: Date(), endsAt: nil))
        try await stores.credentials.insert(Kiosk(name: "Entrée", tokenHash: Secret.hash("kiosk-\(suffix)"), enrolledBy: trainer.id,
                                                  idleSeconds: 90), groupIds: [groupId])
        try await stores.credentials.insert(OneTimeLink(tokenHash: Secret.hash("link-\(suffix)"), personId: trainer.id,
                                                        expiresAt: Date().addingTimeInterval(3_600)))
        // The person as stored now (their photo and spoken name set), given a code, then a wrong one.
        let current = try await stores.people.person(id: learner.id) ?? learner
        try await PeopleService(stores: stores, passwords: passwords).setPictureCode([1, 2, 3], of: current)
        let wrong = try? await SignInService(stores: stores, passwords: passwords, limits: SignInLimits())
            .pictureCode(personId: learner.id, code: [3, 2, 1], from: .init(clientAddress: "10.0.0.9", kiosk: nil))
        precondition(wrong == nil, "a wrong picture code signed in")

        let library = RecordingLibrary(stores: stores)
        func add(_ title: String, uploadKey: UploadKey? = nil) async throws -> Recording {
            let blob = try write(Array("\(title) \(suffix)".utf8), to: stores.audio)
            return try await library.add(Recording(
                id: ResourceID.generate(), title: title, language: "fr", durationMs: 500, sampleCount: 24_000, inputSampleRate: 48_000,
                inputChannels: 1, bitrate: 24_000, byteSize: blob.byteCount, sha256: blob.sha256, sourceFormat: "test", createdAt: Date(),
                ownerId: trainer.id, groupId: groupId), blob: blob, uploadKey: uploadKey)
        }
        let withdrawn = try await add("retirée")
        _ = try await library.withdraw(id: withdrawn.id, by: trainer.id)
        let label = try await add("bonjour", uploadKey: UploadKey(ownerId: trainer.id, key: "key-\(suffix)"))
        _ = try await stores.labels.publishSpokenLabel(SpokenLabel(language: "fr", key: "hello", recordingId: label.id,
                                                                    recordedBy: trainer.id))
        try await stores.scenarios.saveShippedMedia(ShippedMedia(path: "prompts/bonjour.opus", sha256: label.sha256, text: "Bonjour",
                                                                 language: "fr", recordingId: label.id))

        let slug = "au-marche-\(suffix)"
        _ = try await stores.scenarios.applyScenarioSeed(file: "\(slug).md", slug: slug, body: "v1", sha256: "h1", now: Date())
        _ = try await stores.scenarios.saveScenarioRevision(slug: slug, body: "edited", authorId: trainer.id, message: "mine")
        _ = try await stores.scenarios.applyScenarioSeed(file: "\(slug).md", slug: slug, body: "v2", sha256: "h2", now: Date())
        try await stores.scenarios.markScenarioStepDone(ScenarioStepDone(personId: learner.id, slug: slug, stepId: "listen",
                                                                         recordingId: label.id))

        let timed = Transcript(language: "fr", plainText: "Bonjour à tous")
        _ = try await stores.transcripts.saveTranscript(timed, recordingId: label.id, change: .text, authorId: trainer.id,
                                                        expectedRevision: nil, now: Date())
        let marks = [WordMark(word: 0, expected: "bonjour", written: "bonjur", mark: .close)]
        _ = try await stores.progress.record(Attempt(personId: learner.id, recordingId: label.id, language: "fr", revision: 1,
                                                     kind: .dictation, segment: 0, level: .beginner, answer: AttemptAnswer(text: "bonjur"),
                                                     marks: marks, score: 50))
    }
}

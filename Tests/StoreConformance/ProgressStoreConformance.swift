import Exercises
import Foundation
import Storage
import Testing

/// `ProgressStore`: attempts, levels, scores and missed words.
public enum ProgressStoreConformance {
    public static let cases: [ConformanceCase] = [
        ConformanceCase("every attempt is kept whole; two of 80 or more at the level move the learner up, counted from when they got there",
                        levelRule),
        ConformanceCase("attempts at once all count: two passes together move the learner up", concurrentAttempts),
        ConformanceCase("a level set by hand is kept with who set it; progress lists the latest change first", setLevel),
        ConformanceCase("missed words are counted by folded word across learners; near misses apart", missedWords),
        ConformanceCase("withdrawing the practised recording deletes its attempts and progress; withdrawing a try only unlinks it", withdrawal),
        ConformanceCase("an attempt on a recording or by a person that does not exist is refused", missingReferences),
    ]

    static func dictation(_ person: Person, _ recording: Recording, score: Int, level: ExerciseLevel = .beginner, step: String = "",
                          at date: Date, marks: [WordMark] = []) -> Attempt {
        Attempt(personId: person.id, recordingId: recording.id, step: step, language: "fr", revision: 1, kind: .dictation, segment: 0,
                level: level, answer: AttemptAnswer(text: "…"), marks: marks, score: score, createdAt: date)
    }

    static func setUp(_ factory: StoreFactory) async throws -> (Stores, Person, Person, Recording) {
        let stores = try await factory()
        let learner = try await stores.people.insertPerson(Person(name: "amina", displayName: "Amina", role: .learner))
        let trainer = try await stores.people.insertPerson(Person(name: "m.durand", displayName: "M. Durand", role: .trainer))
        let recording = try await Seed.recording(stores, bytes: [1, 2, 3])
        return (stores, learner, trainer, recording)
    }

    public static func levelRule(_ factory: StoreFactory) async throws {
        let (store, learner, trainer, recording) = try await setUp(factory)
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        func at(_ seconds: Double) -> Date { start.addingTimeInterval(seconds) }

        let first = try await store.progress.record(dictation(learner, recording, score: 90, at: at(0)))
        #expect(first.previousLevel == .beginner && first.progress.level == .beginner)
        #expect(try await store.progress.attempt(id: first.attempt.id) == first.attempt)
        #expect(try await store.progress.attempt(id: ResourceID.generate()) == nil)
        #expect(try await store.progress.progress(personId: learner.id, recordingId: recording.id) == first.progress)
        // A pass at another level, or a listen, does not count.
        _ = try await store.progress.record(dictation(learner, recording, score: 100, level: .advanced, at: at(1)))
        _ = try await store.progress.record(Attempt(personId: learner.id, recordingId: recording.id, language: "fr", revision: nil, kind: .listen,
                                                    segment: nil, level: .beginner, answer: AttemptAnswer(), createdAt: at(2)))
        _ = try await store.progress.record(dictation(learner, recording, score: 79, at: at(3)))
        let second = try await store.progress.record(dictation(learner, recording, score: 80, at: at(4)))
        #expect(second.previousLevel == .beginner && second.progress.level == .intermediate && second.progress.setBy == nil)
        #expect(second.progress.levelSince == at(4))
        // A scenario step has its own progress.
        let step = try await store.progress.record(dictation(learner, recording, score: 95, step: "doctor/2", at: at(5)))
        #expect(step.progress.level == .beginner)
        #expect(try await store.progress.progress(personId: learner.id, recordingId: recording.id, step: "doctor/2") == step.progress)

        // A trainer sets level 1 by hand: earlier passes no longer count.
        let manual = try await store.progress.setLevel(.beginner, personId: learner.id, recordingId: recording.id, step: "", by: trainer.id,
                                                       now: at(10))
        #expect(manual.level == .beginner && manual.setBy == trainer.id)
        let after = try await store.progress.record(dictation(learner, recording, score: 100, at: at(11)))
        #expect(after.progress.level == .beginner && after.progress.setBy == trainer.id)
        let again = try await store.progress.record(dictation(learner, recording, score: 85, at: at(12)))
        #expect(again.progress.level == .intermediate && again.progress.setBy == nil)

        let scores = try await store.progress.scores(personIds: [learner.id]).filter { $0.step == "" && $0.kind == .dictation && $0.level == .beginner }
        #expect(scores.count == 1 && scores[0].best == 100 && scores[0].last == 85 && scores[0].attempts == 5)
        #expect(scores.first?.lastAt == at(12))
        let listens = try await store.progress.scores(personIds: [learner.id]).filter { $0.kind == .listen }
        #expect(listens.count == 1 && listens[0].best == nil && listens[0].last == nil && listens[0].attempts == 1)
        let levels = try await store.progress.progress(personIds: [learner.id])
        #expect(Set(levels.map(\.step)) == ["", "doctor/2"])
        #expect(try await store.progress.attempts(personIds: [learner.id], limit: 3).map(\.createdAt) == [at(12), at(11), at(5)])
        #expect(try await store.progress.attempts(personIds: [], limit: 3).isEmpty)
        #expect(try await store.progress.scores(personIds: []).isEmpty)
        #expect(try await store.progress.progress(personIds: []).isEmpty)
    }

    public static func concurrentAttempts(_ factory: StoreFactory) async throws {
        let (store, learner, _, recording) = try await setUp(factory)
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        async let one = store.progress.record(dictation(learner, recording, score: 90, at: start))
        async let two = store.progress.record(dictation(learner, recording, score: 95, at: start.addingTimeInterval(0.001)))
        let results = try await [one, two]
        // Whichever came second saw the first and moved the learner up.
        #expect(results.map(\.progress.level).sorted() == [.beginner, .intermediate])
        #expect(try await store.progress.progress(personId: learner.id, recordingId: recording.id)?.level == .intermediate)
        // Many at once: every one stored and counted.
        let other = try await Seed.recording(store, bytes: [4, 5, 6])
        let gate = StartingGate(count: 24)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<24 {
                group.addTask {
                    await gate.wait()
                    _ = try await store.progress.record(dictation(learner, other, score: 10 + index, at: start.addingTimeInterval(Double(index))))
                }
            }
            try await group.waitForAll()
        }
        let scores = try await store.progress.scores(personIds: [learner.id]).filter { $0.recordingId == other.id }
        #expect(scores.count == 1 && scores.first?.attempts == 24 && scores.first?.best == 33 && scores.first?.last == 33)
        #expect(try await store.progress.attempts(personIds: [learner.id], limit: 100).count == 26)
    }

    public static func setLevel(_ factory: StoreFactory) async throws {
        let (store, learner, trainer, recording) = try await setUp(factory)
        let other = try await Seed.recording(store, bytes: [7])
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        #expect(try await store.progress.progress(personId: learner.id, recordingId: recording.id) == nil)
        let set = try await store.progress.setLevel(.advanced, personId: learner.id, recordingId: recording.id, step: "", by: trainer.id,
                                                    now: start)
        #expect(set == LearnerProgress(personId: learner.id, recordingId: recording.id, step: "", level: .advanced, levelSince: start,
                                       setBy: trainer.id, updatedAt: start))
        #expect(try await store.progress.progress(personId: learner.id, recordingId: recording.id) == set)
        _ = try await store.progress.setLevel(.intermediate, personId: learner.id, recordingId: other.id, step: "s/1", by: trainer.id,
                                              now: start.addingTimeInterval(5))
        _ = try await store.progress.record(dictation(learner, recording, score: 10, level: .advanced, at: start.addingTimeInterval(9)))
        #expect(try await store.progress.progress(personIds: [learner.id]).map(\.recordingId) == [recording.id, other.id])
        #expect(try await store.progress.progress(personId: learner.id, recordingId: recording.id)?.level == .advanced)
        // Set for someone who does not exist: refused.
        await #expect(throws: StorageError.self) {
            try await store.progress.setLevel(.beginner, personId: ResourceID.generate(), recordingId: recording.id, step: "", by: trainer.id,
                                              now: start)
        }
    }

    public static func missedWords(_ factory: StoreFactory) async throws {
        let (store, learner, _, recording) = try await setUp(factory)
        let other = try await store.people.insertPerson(Person(name: "yusuf", displayName: "Yusuf", role: .learner))
        let scorer = AnswerScorer(language: "fr", level: .beginner)
        let answers = [(learner, "je vais a la"), (other, "je vai a l'ecole"), (learner, "je vais a lecole")]
        for (index, (person, text)) in answers.enumerated() {
            let scored = scorer.score(text: text, expected: "Je vais à l'École.")
            _ = try await store.progress.record(dictation(person, recording, score: scored.score, at: Date(timeIntervalSince1970: Double(index)),
                                                          marks: scored.marks))
        }
        let missed = try await store.progress.missedWords(personIds: [learner.id, other.id], limit: 5)
        // `l'École` was missed once (wrong: "la"), a near miss never; `vais` a near miss once.
        #expect(missed.first == MissedWord(word: "l'École", language: "fr", missed: 1, close: 0, learners: 1), "\(missed)")
        #expect(!missed.contains { $0.word == "vais" })
        #expect(try await store.progress.missedWords(personIds: [other.id], limit: 5).isEmpty)
        #expect(try await store.progress.missedWords(personIds: [], limit: 5).isEmpty)
        #expect(try await store.progress.missedWords(personIds: [learner.id, other.id], limit: 0).isEmpty)
    }

    public static func withdrawal(_ factory: StoreFactory) async throws {
        let (store, learner, _, recording) = try await setUp(factory)
        let library = RecordingLibrary(stores: store)
        let other = try await Seed.recording(store, bytes: [9, 9, 9, 9])
        let tryRecording = try await Seed.recording(store, bytes: [4, 5, 6])
        let kept = try await store.progress.record(Attempt(personId: learner.id, recordingId: other.id, language: "fr", revision: 1, kind: .repeat,
                                                           segment: 0, level: .beginner, answer: AttemptAnswer(recordingId: tryRecording.id),
                                                           tryRecordingId: tryRecording.id))
        let gone = try await store.progress.record(dictation(learner, recording, score: 50, at: Date(),
                                                             marks: [WordMark(word: 0, expected: "Je", written: nil, mark: .missing)]))
        _ = try await library.withdraw(id: tryRecording.id, by: learner.id)
        #expect(try await store.progress.attempt(id: kept.attempt.id)?.tryRecordingId == nil)
        _ = try await library.withdraw(id: recording.id, by: learner.id)
        #expect(try await store.progress.attempt(id: gone.attempt.id) == nil)
        #expect(try await store.progress.progress(personId: learner.id, recordingId: recording.id) == nil)
        #expect(try await store.progress.missedWords(personIds: [learner.id], limit: 5).isEmpty)
        #expect(try await store.progress.progress(personId: learner.id, recordingId: other.id) != nil)
    }

    public static func missingReferences(_ factory: StoreFactory) async throws {
        let (store, learner, _, recording) = try await setUp(factory)
        var attempt = dictation(learner, recording, score: 10, at: Date())
        attempt.recordingId = ResourceID.generate()
        await #expect(throws: StorageError.self) { try await store.progress.record(attempt) }
        var stranger = dictation(learner, recording, score: 10, at: Date())
        stranger.personId = ResourceID.generate()
        await #expect(throws: StorageError.self) { try await store.progress.record(stranger) }
        var badTry = dictation(learner, recording, score: 10, at: Date())
        badTry.tryRecordingId = ResourceID.generate()
        await #expect(throws: StorageError.self) { try await store.progress.record(badTry) }
        #expect(try await store.progress.attempts(personIds: [learner.id], limit: 10).isEmpty)
        #expect(try await store.progress.progress(personId: learner.id, recordingId: recording.id) == nil)
    }
}

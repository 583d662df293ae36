import EmbeddedStorage
import Exercises
import Foundation
import Storage
import TestSupport
import Testing
import Transcripts

@Suite("Attempts and progress in SQLite")
struct AttemptStoreTests {
    static func dictation(_ person: Person, _ recording: Recording, score: Int, level: ExerciseLevel = .beginner, step: String = "",
                          at date: Date, marks: [WordMark] = []) -> Attempt {
        Attempt(personId: person.id, recordingId: recording.id, step: step, language: "fr", revision: 1, kind: .dictation, segment: 0,
                level: level, answer: AttemptAnswer(text: "…"), marks: marks, score: score, createdAt: date)
    }

    static func setUp() async throws -> (RecordingLibrary, URL, Person, Person, Recording) {
        let (library, root) = try RecordingLibraryTests.makeLibrary()
        let learner = try await library.stores.people.insertPerson(Person(name: "amina", displayName: "Amina", role: .learner))
        let trainer = try await library.stores.people.insertPerson(Person(name: "m.durand", displayName: "M. Durand", role: .trainer))
        let recording = try await RecordingLibraryTests.store(library, bytes: [1, 2, 3])
        return (library, root, learner, trainer, recording)
    }

    @Test("every attempt is kept whole; two of 80 or more at the level move the learner up, counted from when they got there")
    func levelRule() async throws {
        let (library, root, learner, trainer, recording) = try await Self.setUp()
        defer { try? FileManager.default.removeItem(at: root) }
        let store = library.stores
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        func at(_ seconds: Double) -> Date { start.addingTimeInterval(seconds) }

        let first = try await store.progress.record(Self.dictation(learner, recording, score: 90, at: at(0)))
        #expect(first.previousLevel == .beginner && first.progress.level == .beginner)
        #expect(try await store.progress.attempt(id: first.attempt.id) == first.attempt)
        // A pass at another level, or a listen, does not count.
        _ = try await store.progress.record(Self.dictation(learner, recording, score: 100, level: .advanced, at: at(1)))
        _ = try await store.progress.record(Attempt(personId: learner.id, recordingId: recording.id, language: "fr", revision: nil, kind: .listen,
                                           segment: nil, level: .beginner, answer: AttemptAnswer(), createdAt: at(2)))
        _ = try await store.progress.record(Self.dictation(learner, recording, score: 79, at: at(3)))
        let second = try await store.progress.record(Self.dictation(learner, recording, score: 80, at: at(4)))
        #expect(second.previousLevel == .beginner && second.progress.level == .intermediate && second.progress.setBy == nil)
        #expect(second.progress.levelSince == at(4))
        // A scenario step has its own progress.
        let step = try await store.progress.record(Self.dictation(learner, recording, score: 95, step: "doctor/2", at: at(5)))
        #expect(step.progress.level == .beginner)

        // A trainer sets level 1 by hand: earlier passes no longer count.
        let manual = try await store.progress.setLevel(.beginner, personId: learner.id, recordingId: recording.id, step: "", by: trainer.id, now: at(10))
        #expect(manual.level == .beginner && manual.setBy == trainer.id)
        let after = try await store.progress.record(Self.dictation(learner, recording, score: 100, at: at(11)))
        #expect(after.progress.level == .beginner && after.progress.setBy == trainer.id)
        let again = try await store.progress.record(Self.dictation(learner, recording, score: 85, at: at(12)))
        #expect(again.progress.level == .intermediate && again.progress.setBy == nil)

        let scores = try await store.progress.scores(personIds: [learner.id]).filter { $0.step == "" && $0.kind == .dictation && $0.level == .beginner }
        #expect(scores.count == 1 && scores[0].best == 100 && scores[0].last == 85 && scores[0].attempts == 5)
        let levels = try await store.progress.progress(personIds: [learner.id])
        #expect(Set(levels.map(\.step)) == ["", "doctor/2"])
        #expect(try await store.progress.attempts(personIds: [learner.id], limit: 3).map(\.createdAt) == [at(12), at(11), at(5)])
    }

    @Test("missed words are counted by folded word across learners; near misses apart")
    func missedWords() async throws {
        let (library, root, learner, _, recording) = try await Self.setUp()
        defer { try? FileManager.default.removeItem(at: root) }
        let store = library.stores
        let other = try await store.people.insertPerson(Person(name: "yusuf", displayName: "Yusuf", role: .learner))
        let scorer = AnswerScorer(language: "fr", level: .beginner)
        let answers = [(learner, "je vais a la"), (other, "je vai a l'ecole"), (learner, "je vais a lecole")]
        for (index, (person, text)) in answers.enumerated() {
            let scored = scorer.score(text: text, expected: "Je vais à l'École.")
            _ = try await store.progress.record(Self.dictation(person, recording, score: scored.score, at: Date(timeIntervalSince1970: Double(index)),
                                                      marks: scored.marks))
        }
        let missed = try await store.progress.missedWords(personIds: [learner.id, other.id], limit: 5)
        // `l'École` was missed once (wrong: "la"), a near miss never; `vais` a near miss once.
        #expect(missed.first == MissedWord(word: "l'École", language: "fr", missed: 1, close: 0, learners: 1), "\(missed)")
        #expect(!missed.contains { $0.word == "vais" })
        #expect(try await store.progress.missedWords(personIds: [other.id], limit: 5).isEmpty)
    }

    @Test("withdrawing the practised recording deletes its attempts and progress; withdrawing a try only unlinks it")
    func withdrawal() async throws {
        let (library, root, learner, _, recording) = try await Self.setUp()
        defer { try? FileManager.default.removeItem(at: root) }
        let store = library.stores
        let other = try await RecordingLibraryTests.store(library, bytes: [9, 9, 9, 9])
        let tryRecording = try await RecordingLibraryTests.store(library, bytes: [4, 5, 6])
        let kept = try await store.progress.record(Attempt(personId: learner.id, recordingId: other.id, language: "fr", revision: 1, kind: .repeat,
                                                  segment: 0, level: .beginner, answer: AttemptAnswer(recordingId: tryRecording.id),
                                                  tryRecordingId: tryRecording.id))
        let gone = try await store.progress.record(Self.dictation(learner, recording, score: 50, at: Date(),
                                                         marks: [WordMark(word: 0, expected: "Je", written: nil, mark: .missing)]))
        _ = try await library.withdraw(id: tryRecording.id, by: learner.id)
        #expect(try await store.progress.attempt(id: kept.attempt.id)?.tryRecordingId == nil)
        _ = try await library.withdraw(id: recording.id, by: learner.id)
        #expect(try await store.progress.attempt(id: gone.attempt.id) == nil)
        #expect(try await store.progress.progress(personId: learner.id, recordingId: recording.id) == nil)
        #expect(try await store.progress.missedWords(personIds: [learner.id], limit: 5).isEmpty)
        #expect(try await store.progress.progress(personId: learner.id, recordingId: other.id) != nil)
    }

    @Test("an attempt on a recording or by a person that does not exist is refused")
    func missingReferences() async throws {
        let (library, root, learner, _, recording) = try await Self.setUp()
        defer { try? FileManager.default.removeItem(at: root) }
        var attempt = Self.dictation(learner, recording, score: 10, at: Date())
        attempt.recordingId = ResourceID.generate()
        await #expect(throws: StorageError.self) { try await library.stores.progress.record(attempt) }
    }
}

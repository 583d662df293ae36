import Exercises
import Foundation
import Storage
import Testing

extension SyncStoreConformance {
    public static func levelSettings(_ factory: StoreFactory) async throws {
        let (stores, learner, group) = try await setUp(factory)
        let trainer = try await Seed.person(stores, "trainer", .trainer)
        let recording = try await Seed.recording(stores, bytes: [4, 2], owner: learner, group: group, visibility: .group)
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        func attempt(at seconds: Double, level: ExerciseLevel, score: Int) -> Attempt {
            Attempt(personId: learner.id, recordingId: recording.id, language: "fr", revision: 1, kind: .dictation, segment: 0, level: level,
                    answer: AttemptAnswer(text: "x"), score: score, createdAt: start.addingTimeInterval(seconds))
        }
        let before = try await stores.sync!.changes(after: 0, excludingOrigin: nil).lastSeq
        _ = try await stores.progress.setLevel(.intermediate, personId: learner.id, recordingId: recording.id, step: "", by: trainer.id, now: start)
        let settings = try await stores.sync!.levelSettings(recordingIds: [recording.id])
        #expect(settings.count == 1 && settings.first?.level == .intermediate && settings.first?.setAt == start)
        #expect(try await stores.sync!.changes(after: before, excludingOrigin: nil).changes.map(\.itemId) == [settings[0].itemId])
        // Attempts here move the level from it (and clear the setter); they note no new setting.
        _ = try await stores.progress.record(attempt(at: 10, level: .intermediate, score: 90))
        _ = try await stores.progress.record(attempt(at: 20, level: .intermediate, score: 90))
        #expect(try await stores.progress.progress(personId: learner.id, recordingId: recording.id)?.level == .advanced)
        #expect(try await stores.sync!.levelSettings(recordingIds: [recording.id]).count == 1)

        // An older pass arrives: the replay starts from the level set by hand, not from the beginning.
        var batch = SyncBatch(pair: SyncPair(groupId: group.id, key: [1]))
        batch.attempts = [attempt(at: 5, level: .intermediate, score: 90)]
        _ = try await stores.sync!.apply(batch, rule: .standard, beforeEachItem: {}, unreferenced: { _ in })
        var progress = try await stores.progress.progress(personId: learner.id, recordingId: recording.id)
        #expect(progress?.level == .advanced && progress?.levelSince == start.addingTimeInterval(10))

        // A level set later on the other side: progress starts again from it, attempts since count.
        let elsewhere = try await Seed.group(stores, "centre", members: [learner])
        let other = try await Seed.recording(stores, bytes: [4, 3], owner: learner, group: elsewhere, visibility: .group)
        let theirs = SyncLevelSetting(id: "abc123", personId: learner.id, recordingId: recording.id, step: "", level: .beginner, setBy: trainer.id,
                                      setAt: start.addingTimeInterval(30))
        batch.attempts = [attempt(at: 40, level: .beginner, score: 90)]
        batch.levelSettings = [theirs, SyncLevelSetting(id: "def456", personId: learner.id, recordingId: other.id, step: "", level: .advanced,
                                                        setBy: nil, setAt: start)]
        let report = try await stores.sync!.apply(batch, rule: .standard, beforeEachItem: {}, unreferenced: { _ in })
        #expect(report.skipped == 1 && report.attemptsAdded == 1)
        progress = try await stores.progress.progress(personId: learner.id, recordingId: recording.id)
        #expect(progress?.level == .beginner && progress?.levelSince == start.addingTimeInterval(30) && progress?.setBy == trainer.id)
        let held = try await stores.sync!.levelSettings(recordingIds: [recording.id, other.id])
        #expect(held.map(\.id).contains("abc123") && !held.map(\.id).contains("def456") && held.count == 2)
        #expect(SyncLevelSetting.latest(held)?.id == "abc123")
    }
}

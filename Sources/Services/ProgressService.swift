import Exercises
import Foundation
import Storage

/// Where learners stand: a learner's levels, scores, recent attempts and most missed words (for
/// themselves, their trainers, their active mentor, admins), a group's (for its trainers and
/// admins), and levels set by hand (the learner's trainers, admins).
public struct ProgressService: Sendable {
    let library: RecordingLibrary
    private var stores: Stores { library.stores }
    var authority: Authority { Authority(stores: stores) }

    /// How many of a learner's latest attempts a report lists.
    public static let recentAttempts = 20
    /// How many of a group's latest attempts its report lists.
    public static let groupRecentAttempts = 50
    /// How many of the most missed words a report lists.
    public static let missedWords = 20

    public init(library: RecordingLibrary) {
        self.library = library
    }

    /// Some learners' progress, with the titles of the recordings the viewer may hear.
    public struct Report: Sendable {
        public var levels: [LearnerProgress]
        public var scores: [ProgressScore]
        public var attempts: [Attempt]
        public var missedWords: [MissedWord]
        /// By recording id; recordings the viewer may not hear have none.
        public var titles: [String: String]
    }

    /// The person if the actor may follow their progress; `notFound` otherwise (nobody learns who
    /// exists from it).
    public func followed(personId: String, actor: Person) async throws -> Person {
        guard ResourceID.isValid(personId), let person = try await stores.people.person(id: personId),
              try await authority.mayFollowProgress(of: person.id, actor: actor) else {
            throw ServiceError.notFound("person \(personId.prefix(40))")
        }
        return person
    }

    /// A learner's report (a person from ``followed(personId:actor:)``).
    public func report(of learner: Person, viewer: Viewer) async throws -> Report {
        try await report(of: [learner.id], attempts: Self.recentAttempts, viewer: viewer)
    }

    /// The learners of a group (one the actor manages) and their report together.
    public func report(of group: LearningGroup, viewer: Viewer) async throws -> (learners: [Person], report: Report) {
        let learners = try await stores.people.members(of: group.id).filter { $0.role == .learner }
        return (learners, try await report(of: learners.map(\.id), attempts: Self.groupRecentAttempts, viewer: viewer))
    }

    private func report(of ids: [String], attempts limit: Int, viewer: Viewer) async throws -> Report {
        let levels = try await stores.progress.progress(personIds: ids)
        let scores = try await stores.progress.scores(personIds: ids)
        let attempts = try await stores.progress.attempts(personIds: ids, limit: limit)
        let titles = try await titles(levels.map(\.recordingId) + attempts.map(\.recordingId), viewer: viewer)
        return Report(levels: levels, scores: scores, attempts: attempts,
                      missedWords: try await stores.progress.missedWords(personIds: ids, limit: Self.missedWords), titles: titles)
    }

    /// Who may set `learner`'s level by hand: their trainers and admins.
    public func requireSetLevel(for learner: Person, actor: Person) async throws {
        try await authority.requireSetLevel(for: learner, actor: actor)
    }

    /// A recording the viewer may hear, to set a level on; `notFound` otherwise.
    public func recording(id: String, viewer: Viewer) async throws -> Recording {
        guard ResourceID.isValid(id), let recording = try await library.metadata.recording(id: id, visibleTo: viewer) else {
            throw ServiceError.notFound("recording \(id.prefix(40))")
        }
        return recording
    }

    /// Sets the learner's level on a recording (and scenario step) by hand
    /// (``requireSetLevel(for:actor:)`` first); returns it with the learner's scores.
    public func setLevel(_ level: ExerciseLevel, of learner: Person, on recording: Recording, step: String,
                         by actor: Person) async throws -> (progress: LearnerProgress, scores: [ProgressScore]) {
        let progress = try await stores.progress.setLevel(level, personId: learner.id, recordingId: recording.id, step: step, by: actor.id)
        return (progress, try await stores.progress.scores(personIds: [learner.id]))
    }

    /// The titles of the recordings the viewer may hear, by id.
    func titles(_ ids: [String], viewer: Viewer) async throws -> [String: String] {
        var titles: [String: String] = [:]
        for id in Set(ids) {
            if let recording = try await library.metadata.recording(id: id, visibleTo: viewer) { titles[id] = recording.title }
        }
        return titles
    }
}

import Exercises
import Foundation
import Services
import Transcripts
@testable import WebAPI

/// The JSON request bodies the API decodes: each input is read as every body type the routes take,
/// then checked with the same field checks the handlers run, which may refuse it (a 4xx), never
/// trap. A timings patch is applied to a timed transcript, which must still validate afterwards
/// (the route stores what the edit leaves).
public enum APIBodyFuzzTarget {
    /// Runs one fuzz input; traps only on a bug.
    public static func run(_ bytes: [UInt8]) {
        let data = Data(bytes)
        shapeChecked(data)
        decode(RecordingPatch.self, data) { patch in
            _ = try patch.title.map { try FieldValidation.title($0) }
            _ = try patch.language.map { try FieldValidation.language($0) }
        }
        decode(RecordingsController.ConsentBody.self, data) { _ in }
        decode(RecordingsController.TimingsPatch.self, data, timings)
        decode(PeopleController.NewPerson.self, data) { person in
            _ = try PersonFields.name(person.name)
            _ = try PersonFields.displayName(person.displayName ?? person.name)
            _ = try person.avatar.map(PersonFields.picture)
            _ = try PersonFields.languages(person.languages ?? [])
            _ = try person.password.map(PersonFields.password)
        }
        decode(PeopleController.PersonPatch.self, data) { patch in
            _ = try patch.displayName.map(PersonFields.displayName)
            _ = try patch.avatar.map(PersonFields.picture)
            _ = try patch.languages.map(PersonFields.languages)
        }
        decode(PeopleController.PasswordBody.self, data) { _ = try PersonFields.password($0.password) }
        decode(PeopleController.PictureCodeBody.self, data) { _ = try PictureCode.normalized($0.code) }
        decode(AuthController.PasswordSignIn.self, data) { _ in }
        decode(AuthController.PictureSignIn.self, data) { _ = try PictureCode.normalized($0.code) }
        decode(GroupsController.NewGroup.self, data) { group in
            _ = try FieldValidation.name(group.name)
            _ = try group.picture.map(PersonFields.picture)
        }
        decode(GroupsController.GroupPatch.self, data) { patch in
            _ = try patch.name.map { try FieldValidation.name($0) }
            _ = try patch.picture.map(PersonFields.picture)
        }
        decode(MentoringController.NewPair.self, data) { pair in
            _ = try pair.startsAt.map { try MentoringService.date($0, field: "startsAt") }
            _ = try pair.endsAt.map { try MentoringService.date($0, field: "endsAt") }
        }
        decode(MentoringController.PairPatch.self, data) { patch in _ = try patch.endsAt.map { try MentoringService.date($0, field: "endsAt") } }
        decode(KioskController.Enrolment.self, data) { _ = try FieldValidation.title($0.name, field: "name") }
        decode(TokensController.NewToken.self, data) { _ = try FieldValidation.name($0.name) }
        decode(NetworksController.NewNetwork.self, data) { _ = try FieldValidation.name($0.name) }
    }

    /// `POST /api/attempts` and `PUT …/progress/…`: any JSON object, checked field by field.
    static func shapeChecked(_ data: Data) {
        guard let value = try? JSONDecoder().decode(JSONValue.self, from: data), let object = value.object else { return }
        if let attempt = try? AttemptRequest(object) {
            _ = try? attempt.text()
            _ = try? attempt.choices(wordCount: sample.segments[0].words.count, segment: 0)
            _ = try? attempt.tryRecordingId()
        }
        _ = object["level"]?.int.flatMap(ExerciseLevel.init)
        _ = try? ExerciseAddress.step(try AttemptRequest.optional(object["step"], "step", "a string") { $0.string }, field: "step")
    }

    /// Decodes `data` as `type` and runs `check`; refusals are expected, traps are bugs.
    static func decode<T: Decodable>(_ type: T.Type, _ data: Data, _ check: (T) throws -> Void) {
        guard let value = try? JSONDecoder().decode(type, from: data) else { return }
        _ = try? check(value)
    }

    static let durationMs = 20_000

    /// A timed transcript of three phrases, a tap every 400 ms.
    static let sample: Transcript = {
        var transcript = Transcript(language: "fr", plainText: "Bonjour, je m'appelle Amina.\nJ'habite à Lyon depuis trois ans.\nEt vous ?")
        try! transcript.applyTaps((0..<transcript.wordCount).map { 300 + $0 * 400 }, recordingDurationMs: durationMs)
        return transcript
    }()

    /// What `PATCH …/timings` does with the body, on `sample`: the result must still validate.
    static func timings(_ patch: RecordingsController.TimingsPatch) throws {
        var transcript = sample
        switch (patch.taps, patch.move) {
        case (let taps?, nil):
            guard taps.count <= 100_000 else { return }
            let first = WordPosition(segment: patch.from?.segment ?? 0, word: patch.from?.word ?? 0)
            try transcript.applyTaps(taps, from: first, recordingDurationMs: durationMs)
        case (nil, let move?):
            try transcript.moveBoundary(try RecordingsController.boundary(move), to: move.ms, recordingDurationMs: durationMs,
                                        alone: move.alone ?? false)
        default:
            return
        }
        let problems = transcript.validationProblems(recordingDurationMs: durationMs)
        invariant(problems.isEmpty, "an accepted timing edit left an invalid transcript: \(problems)")
    }
}

/// See Fuzz/Targets/Invariant.swift: `fatalError` keeps its message in optimized builds.
func invariant(_ condition: Bool, _ message: @autoclosure () -> String, file: StaticString = #file, line: UInt = #line) {
    if !condition { fatalError(message(), file: file, line: line) }
}

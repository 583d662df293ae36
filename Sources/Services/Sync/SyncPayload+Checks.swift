import Foundation
import ScenarioFormat
import Storage

extension SyncPayload {
    /// Refuses (`malformed`) a bundle holding an item no Parlons server writes, before anything is
    /// applied: the bundle is signed, so this is a bug or a peer gone wrong, and nothing of it is taken.
    func check(file: String) throws {
        func refuse(_ reason: String) -> SyncError { .malformed(file: file, reason: reason) }
        func isId(_ value: String) -> Bool {
            (1...64).contains(value.utf8.count) && value.utf8.allSatisfy { (48...57).contains($0) || (97...122).contains($0) }
        }
        for label in spokenLabels {
            let name = "\(label.language.prefix(35)) \(label.key.prefix(60))"
            guard (1...35).contains(label.language.count), !label.language.contains(" "), (1...100).contains(label.key.count) else {
                throw refuse("spoken label '\(name)' has no language and key a server writes")
            }
            if let take = label.recording, take.id != label.recordingId {
                throw refuse("spoken label '\(name)' arrives with recording \(take.id.prefix(64)), not the one it plays")
            }
        }
        for picture in pictures where !(picture.sha256.utf8.count == 64 && picture.sha256.utf8.allSatisfy({ (48...57).contains($0) || (97...102).contains($0) })) {
            throw refuse("a photo is named '\(picture.sha256.prefix(64))', not a SHA-256")
        }
        for record in scenarios where !(ScenarioParser.isSlug(record.slug) && record.slug.count <= 60) {
            throw refuse("a scenario's slug '\(record.slug.prefix(60))' is not lowercase letters, digits and '-'")
        }
        for done in stepsDone {
            let step = done.step
            guard ResourceID.isValid(step.personId), ScenarioParser.isSlug(step.slug), step.slug.count <= 60, (1...40).contains(step.stepId.count),
                  step.stepId.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else {
                throw refuse("a step done names '\(step.slug.prefix(60))/\(step.stepId.prefix(40))' of \(step.personId.prefix(64)), "
                             + "not a scenario step of a person")
            }
        }
        for revision in scenarioRevisions {
            let slug = revision.slug.prefix(60)
            guard ScenarioParser.isSlug(revision.slug), revision.slug.count <= 60 else {
                throw refuse("a scenario revision's slug '\(slug)' is not lowercase letters, digits and '-'")
            }
            guard isId(revision.syncId), revision.parents.allSatisfy(isId) else {
                throw refuse("a revision of scenario '\(slug)' has an id that is not lowercase letters and digits")
            }
            do {
                _ = try ScenarioParser.parse(revision.body, expectedSlug: revision.slug)
            } catch {
                let first = error.problems.first.map { "line \($0.line): \($0.reason)" } ?? "unreadable"
                throw refuse("revision \(revision.syncId) of scenario '\(slug)' is not a scenario file (\(first))")
            }
        }
    }
}

import Foundation


/// What a recording is for, so a learner's own list shows their stories and nothing else: a take
/// made while practising (an exercise's try, a scenario's answer) belongs with that exercise, and a
/// spoken name belongs to its person.
public enum RecordingPurpose: String, Codable, Sendable, CaseIterable {
    /// Told to be kept and heard: what "My stories" and "Listen" list.
    case story
    /// An exercise's try or a scenario step's answer.
    case practice
    /// A person's name, spoken, played beside their picture on the sign-in screens.
    case name
}

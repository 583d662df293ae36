import Foundation
import Hummingbird
import ScenarioFormat
import Storage
import Transcripts

/// A scenario in a list: what a picture-led menu needs (title, picture, spoken title, themes, level).
struct ScenarioSummaryResponse: ResponseCodable {
    let slug: String
    let title: String
    let languages: [String]
    let themes: [String]
    let level: Int
    /// The picture, when the scenario has one.
    let picture: String?
    /// The title said aloud (an Ogg Opus URL).
    let spokenTitle: String?
    /// True when the prompts are synthetic speech, to be replaced with a human voice.
    let syntheticVoice: Bool
    let groupId: String?
    let visibility: Visibility
    let revision: Int
    let stepCount: Int
    let copiedFrom: String?
    let url: String

    init(_ record: ScenarioRecord, _ scenario: Scenario, recordingIds: [ScenarioMedia: String]) {
        slug = record.slug
        title = scenario.title
        languages = scenario.languages
        themes = scenario.themes
        level = scenario.level
        picture = scenario.picture.flatMap { if case .file = $0 { "/api/scenarios/\(record.slug)/picture" } else { nil } }
        spokenTitle = scenario.spokenTitle.flatMap { recordingIds[$0] }.map(MediaURL.opus)
        syntheticVoice = scenario.syntheticVoice
        groupId = record.groupId
        visibility = record.visibility
        revision = record.currentRevision
        stepCount = scenario.steps.count
        copiedFrom = record.copiedFrom
        url = "/api/scenarios/\(record.slug)"
    }
}

/// `GET /api/scenarios`.
struct ScenarioListResponse: ResponseEncodable {
    let scenarios: [ScenarioSummaryResponse]
}

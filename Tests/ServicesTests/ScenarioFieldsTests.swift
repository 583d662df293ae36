import Foundation
import Services
import Storage
import Testing

/// The small rules of scenario editing and mentoring dates, on their own.
@Suite("Scenario and mentoring fields")
struct ScenarioFieldsTests {
    @Test("a change message is trimmed, cut to 500 characters, and defaults when blank")
    func messages() {
        #expect(ScenarioService.message(Optional("  fixed the prompt \n"), default: "edited") == "fixed the prompt")
        #expect(ScenarioService.message(Optional(" \n "), default: "edited") == "edited")
        #expect(ScenarioService.message(String?.none, default: "created") == "created")
        #expect(ScenarioService.message(Optional(String(repeating: "é", count: 900)), default: "x").count == ScenarioService.maxMessageLength)
    }

    @Test("a scenario is shown to a group, a network or everyone, never privately")
    func visibility() throws {
        #expect(try ScenarioService.visibility("network") == .network)
        for raw in ["private", "everyone", ""] {
            let error = #expect(throws: ServiceError.self) { try ScenarioService.visibility(raw) }
            #expect(error?.field == "visibility")
        }
    }

    @Test("mentoring dates read with or without fractional seconds; anything else names its field")
    func mentoringDates() throws {
        #expect(try MentoringService.date("2026-12-01T09:00:00Z", field: "startsAt") == MentoringService.date("2026-12-01T09:00:00.000Z", field: "startsAt"))
        let error = #expect(throws: ServiceError.self) { try MentoringService.date("1 December", field: "endsAt") }
        #expect(error?.kind == .invalidField && error?.field == "endsAt")
    }
}

import Foundation
import Services
import Testing

/// What a server answers an uploaded bundle with, read by the other side.
@Suite("Sync import summary")
struct SyncImportSummaryTests {
    @Test("an older server's answer, without the counts added since, reads with those at zero; one without its bundle name is refused")
    func olderAnswer() throws {
        let older = Data(#"{"bundle":"g-1-0-9.parlons-sync","applied":true,"items":4,"recordingsAdded":1,"attemptsAdded":2,"revisionsAdded":1,"#.utf8)
            + Data(#""recordingsWithdrawn":0,"conflicts":["r/fr"],"missedEarlier":false}"#.utf8)
        let summary = try JSONDecoder().decode(SyncImportSummary.self, from: older)
        #expect(summary.bundle == "g-1-0-9.parlons-sync" && summary.applied && summary.items == 4)
        #expect(summary.recordingsAdded == 1 && summary.attemptsAdded == 2 && summary.conflicts == ["r/fr"])
        #expect(summary.stepsDone == 0 && summary.labelsChanged == 0 && summary.scenariosNotTaken.isEmpty && summary.edited == 0)
        // What it writes reads back the same.
        let again = try JSONDecoder().decode(SyncImportSummary.self, from: JSONEncoder().encode(summary))
        #expect(again == summary)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(SyncImportSummary.self, from: Data(#"{"applied":true,"items":1}"#.utf8)) }
    }
}

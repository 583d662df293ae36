import Foundation
import Testing
@testable import WebAPI

@Suite("Search results written as JSON by hand")
struct SearchResultsJSONTests {
    @Test("the hand-written JSON parses to what Foundation's encoder gives, whatever the text holds")
    func sameAsEncoder() throws {
        let awkward = ["plain", "quote \" and \\ backslash", "line\nbreak\r\ttab", "control \u{01}\u{1F}\u{7F}", "émoji 👩🏽‍🏫 l’école",
                       "private \u{E000}use\u{E001}", "", "مرحبا", "</script>", "\u{2028}\u{2029}"]
        let results = SearchController.Results(query: awkward[1], results: awkward.enumerated().map { index, text in
            SearchController.Result(recordingId: "id\(index)", language: "fr", segment: index, startMs: index.isMultiple(of: 2) ? index * 1_000 : nil,
                                     snippet: text, matches: index == 0 ? [] : [[0, 1], [3, 2]], transcriptUrl: "/t/\(index)", audioUrl: "/a/\(index).opus")
        })
        let mine = try JSONSerialization.jsonObject(with: Data(results.json().utf8)) as? NSDictionary
        let reference = try JSONSerialization.jsonObject(with: JSONEncoder().encode(results)) as? NSDictionary
        #expect(mine != nil && mine == reference)
        let empty = SearchController.Results(query: "x", results: [])
        #expect(try JSONSerialization.jsonObject(with: Data(empty.json().utf8)) as? NSDictionary == ["query": "x", "results": []])
    }
}

import Foundation
import Services
import Testing
@testable import WebAPI

@Suite("Range and validator parsing")
struct ByteRangeRequestTests {
    @Test("single ranges resolve against the length (RFC 9110 §14.1.2)", arguments: [
        ("bytes=0-99", 1_000, ByteRangeRequest.partial(0...99)),
        ("bytes=100-", 1_000, .partial(100...999)),
        ("bytes=-500", 1_000, .partial(500...999)),
        ("bytes=-5000", 1_000, .partial(0...999)),
        ("bytes=990-2000", 1_000, .partial(990...999)),
        (" bytes=5-5 ", 1_000, .partial(5...5)),
        ("\tBYTES= 2-3\t", 1_000, .partial(2...3)),
        ("bytes=0-99999999999999999", 1_000, .partial(0...999)),
        ("bytes=0-1x", 1_000, .whole),
        ("bytes 0-1", 1_000, .whole),
        ("bytes=0\u{200B}-1", 1_000, .whole),
        ("bytes=1000-", 1_000, .unsatisfiable),
        ("bytes=-0", 1_000, .unsatisfiable),
        ("bytes=0-", 0, .unsatisfiable),
        ("bytes=5-1", 1_000, .whole),
        ("bytes=0-1,5-6", 1_000, .whole),
        ("items=0-1", 1_000, .whole),
        ("bytes=abc", 1_000, .whole),
        ("bytes=-", 1_000, .whole),
        ("bytes=99999999999999999999-", 1_000, .whole),
    ])
    func range(_ header: String, _ length: Int, _ expected: ByteRangeRequest) {
        #expect(ByteRangeRequest(header: header, length: length) == expected)
    }

    @Test("Last-Modified is IMF-fixdate, the same as Foundation's formatting of it", arguments: [
        0.0, 951_782_399.999, 1_709_251_199.5, 1_796_095_906, 4_102_444_800,
    ])
    func httpDate(_ seconds: Double) {
        let reference = Date.VerbatimFormatStyle(
            format: """
            \(weekday: .abbreviated), \(day: .twoDigits) \(month: .abbreviated) \(year: .defaultDigits) \
            \(hour: .twoDigits(clock: .twentyFourHour, hourCycle: .zeroBased)):\(minute: .twoDigits):\(second: .twoDigits) GMT
            """,
            locale: Locale(identifier: "en_US_POSIX"), timeZone: TimeZone(identifier: "GMT")!, calendar: Calendar(identifier: .gregorian)
        )
        let date = Date(timeIntervalSince1970: seconds)
        #expect(MediaController.httpDate(date) == date.formatted(reference))
    }

    @Test("no header means the whole file")
    func noHeader() {
        #expect(ByteRangeRequest(header: nil, length: 10) == .whole)
    }

    @Test("If-None-Match lists, wildcards and weak tags; If-Range needs the exact strong tag")
    func entityTags() {
        let tag = EntityTag(value: "abc")
        #expect(tag.matchesIfNoneMatch("\"abc\""))
        #expect(tag.matchesIfNoneMatch("\"x\", \"abc\""))
        #expect(tag.matchesIfNoneMatch("W/\"abc\""))
        #expect(tag.matchesIfNoneMatch("*"))
        #expect(!tag.matchesIfNoneMatch("\"abcd\""))
        #expect(tag.matchesIfRange("\"abc\""))
        #expect(!tag.matchesIfRange("W/\"abc\""))
        #expect(!tag.matchesIfRange("Sun, 29 Nov 2026 03:35:17 GMT"))
    }

    @Test("cursors round-trip and reject what the server did not issue")
    func cursors() {
        for seq: Int64 in [1, 42, 9_000_000_000] { #expect(ListCursor.decode(ListCursor.encode(seq)) == seq) }
        for bad in ["", "abc", "czA", "cy0x", ListCursor.encode(1) + "AAAA", String(repeating: "A", count: 100)] {
            #expect(ListCursor.decode(bad) == nil, "\(bad)")
        }
    }

    @Test("language tags and titles", arguments: ["fr", "fr-FR", "ar-MA", "rom", "zh-Hant-TW", "und", "sr-Latn"])
    func validLanguage(_ tag: String) throws {
        #expect(try FieldValidation.language(tag) == tag)
    }

    @Test("invalid language tags", arguments: ["", "f", "12", "fr_FR", "fr-", "-fr", "français", "en-toolongsubtag", String(repeating: "ab-", count: 20)])
    func invalidLanguage(_ tag: String) {
        let error = #expect(throws: ServiceError.self) { try FieldValidation.language(tag) }
        #expect(error?.kind == .invalidField && error?.field == "language")
    }

    @Test("titles are trimmed and checked")
    func titles() throws {
        #expect(try FieldValidation.title("  Chez le médecin ") == "Chez le médecin")
        #expect(throws: ServiceError.invalidField("title", "contains control characters")) { try FieldValidation.title("a\u{0}b") }
        #expect(throws: ServiceError.invalidField("title", "longer than 200 characters")) { try FieldValidation.title(String(repeating: "é", count: 201)) }
    }
}

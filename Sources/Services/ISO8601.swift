import Foundation

/// ISO 8601 timestamps with milliseconds, in UTC: how dates are written and read everywhere.
public enum ISO8601 {
    /// `2026-12-01T09:00:00.000Z`.
    public static func string(_ date: Date) -> String {
        date.formatted(.iso8601.year().month().day().time(includingFractionalSeconds: true).timeZone(separator: .omitted))
    }

    /// With or without fractional seconds; nil when the text is not one.
    public static func date(_ text: String) -> Date? {
        (try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text)) ?? (try? Date.ISO8601FormatStyle().parse(text))
    }
}

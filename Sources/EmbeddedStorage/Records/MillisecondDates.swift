import GRDB

/// Records whose dates are stored as integer milliseconds: exact, sortable, read back equal.
public protocol MillisecondDates: FetchableRecord, EncodableRecord {}

extension MillisecondDates {
    public static func databaseDateEncodingStrategy(for column: String) -> DatabaseDateEncodingStrategy { .millisecondsSince1970 }
    public static func databaseDateDecodingStrategy(for column: String) -> DatabaseDateDecodingStrategy { .millisecondsSince1970 }
}

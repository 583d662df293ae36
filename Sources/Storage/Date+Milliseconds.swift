import Foundation

extension Date {
    /// Whole milliseconds since 1970, as stored: exact, sortable, read back equal.
    public var millisecondsSince1970: Int64 { Int64((timeIntervalSince1970 * 1_000).rounded(.down)) }
    public init(millisecondsSince1970 value: Int64) { self.init(timeIntervalSince1970: Double(value) / 1_000) }
}

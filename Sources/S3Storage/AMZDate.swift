import Foundation

/// A time as Signature V4 spells it, in UTC: `20130524T000000Z` and its day `20130524`.
struct AMZDate {
    let stamp: String
    var day: String { String(stamp.prefix(8)) }

    init(_ date: Date) {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        stamp = String(format: "%04d%02d%02dT%02d%02d%02dZ", Int(parts.tm_year) + 1_900, Int(parts.tm_mon) + 1, Int(parts.tm_mday),
                       Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec))
    }
}

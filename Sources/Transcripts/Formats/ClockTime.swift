/// Times as subtitle and annotation files write them.
enum ClockTime {
    /// `hh:mm:ss.ttt` (WebVTT, with `.`) or `hh:mm:ss,ttt` (SRT, with `,`).
    static func format(_ ms: Int, separator: Character) -> String {
        let hours = ms / 3_600_000, minutes = ms / 60_000 % 60, seconds = ms / 1000 % 60, millis = ms % 1000
        return "\(pad(hours, 2)):\(pad(minutes, 2)):\(pad(seconds, 2))\(separator)\(pad(millis, 3))"
    }

    /// Reads `[h…:]mm:ss<separator>ttt` (hours optional, at least two digits when written the WebVTT
    /// way, minutes and seconds two digits below 60, exactly three digits of milliseconds). Nil when
    /// the text is not such a time or is beyond ``ImportLimits/maxMilliseconds``.
    static func parse(_ text: Substring, separators: Set<Character>, hoursRequired: Bool) -> Int? {
        guard let cut = text.lastIndex(where: { separators.contains($0) }) else { return nil }
        let fraction = text[text.index(after: cut)...]
        let clock = text[..<cut].split(separator: ":", omittingEmptySubsequences: false)
        guard fraction.count == 3, let millis = digits(fraction), clock.count == (hoursRequired ? 3 : clock.count),
              clock.count == 2 || clock.count == 3 else { return nil }
        guard clock.suffix(2).allSatisfy({ $0.count == 2 }), let minutes = digits(clock[clock.count - 2]),
              let seconds = digits(clock[clock.count - 1]), minutes < 60, seconds < 60 else { return nil }
        var hours = 0
        if clock.count == 3 {
            guard clock[0].count <= 6, let value = digits(clock[0]) else { return nil }
            hours = value
        }
        let total = ((hours * 60 + minutes) * 60 + seconds) * 1000 + millis
        return total <= ImportLimits.maxMilliseconds ? total : nil
    }

    /// Seconds with up to three decimals, as Praat's files hold them: `0`, `1.5`, `12.345`.
    static func seconds(_ ms: Int) -> String {
        let whole = ms / 1000, millis = ms % 1000
        guard millis != 0 else { return String(whole) }
        var fraction = pad(millis, 3)
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return "\(whole).\(fraction)"
    }

    /// Milliseconds from a number of seconds, rounded to the nearest; nil when not finite, negative
    /// or beyond ``ImportLimits/maxMilliseconds``.
    static func milliseconds(fromSeconds seconds: Double) -> Int? {
        // A small negative value is float noise from a tool that computed 0 (-1e-12).
        guard seconds.isFinite, seconds > -0.0005, seconds * 1000 <= Double(ImportLimits.maxMilliseconds) else { return nil }
        return max(0, Int((seconds * 1000).rounded()))
    }

    private static func digits(_ text: Substring) -> Int? {
        guard !text.isEmpty, text.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(text)
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}

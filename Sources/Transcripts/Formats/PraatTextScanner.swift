/// Reads the values of a Praat text file (long or short "ooTextFile" format) in order: numbers,
/// quoted strings and `<flags>`. Everything else (`xmin =`, `item [1]:`, `! comments`) only labels
/// the values, so one reader takes both formats, as Praat's own does.
struct PraatTextScanner {
    enum Value {
        case number(Double)
        case string(String)
        case flag(String)
    }

    private let characters: [Character]
    private var index = 0
    private var line = 1
    /// The line of the last value read.
    private(set) var lastLine = 1

    init(_ text: String) {
        var body = Substring(text)
        if body.first == "\u{FEFF}" { body = body.dropFirst() }
        characters = Array(body)
    }

    /// The next value and its line; nil at the end of the text.
    mutating func next() throws(TranscriptParseError) -> (value: Value, line: Int)? {
        while index < characters.count {
            let character = characters[index]
            let start = line
            if character == "\n" || character == "\r\n" || character == "\r" {
                line += 1
                index += 1
            } else if character == "!" {
                while index < characters.count && !characters[index].isNewline { index += 1 }
            } else if character == "\"" {
                lastLine = start
                return (.string(try string()), start)
            } else if character == "<" {
                guard let close = characters[index...].prefix(40).firstIndex(of: ">") else {
                    throw TranscriptParseError(line: line, "a < is not closed by >")
                }
                let flag = String(characters[(index + 1)..<close])
                index = close + 1
                lastLine = start
                return (.flag(flag), start)
            } else if character == "[" {
                // An index such as `[1]` or `[]` labels the value that follows.
                while index < characters.count && characters[index] != "]" && !characters[index].isNewline { index += 1 }
                index += 1
            } else if character.isNumber || character == "-" || character == "+" || character == "." {
                var end = index + 1
                while end < characters.count, characters[end].isNumber || "+-.eE".contains(characters[end]) { end += 1 }
                let text = String(characters[index..<end])
                index = end
                guard let number = Double(text), number.isFinite else {
                    throw TranscriptParseError(line: start, "\"\(text.prefix(30))\" is not a number")
                }
                lastLine = start
                return (.number(number), start)
            } else if character.isLetter {
                // A label (`xmin`, `intervals`): skip it with the digits it may hold.
                while index < characters.count, characters[index].isLetter || characters[index].isNumber || characters[index] == "_" { index += 1 }
            } else {
                index += 1
            }
        }
        return nil
    }

    /// A quoted string, `""` standing for one quote; it may span lines.
    private mutating func string() throws(TranscriptParseError) -> String {
        let startLine = line
        index += 1
        var out = ""
        while index < characters.count {
            let character = characters[index]
            index += 1
            if character == "\"" {
                if index < characters.count && characters[index] == "\"" {
                    out.append("\"")
                    index += 1
                } else {
                    return out
                }
            } else {
                if character.isNewline { line += 1 }
                out.append(character)
            }
        }
        throw TranscriptParseError(line: startLine, "a text that opens with \" is never closed")
    }

    mutating func number(_ what: String) throws(TranscriptParseError) -> (Double, Int) {
        guard let (value, line) = try next() else { throw truncated(what) }
        guard case .number(let number) = value else { throw TranscriptParseError(line: line, "expected \(what) (a number)") }
        return (number, line)
    }

    mutating func string(_ what: String) throws(TranscriptParseError) -> (String, Int) {
        guard let (value, line) = try next() else { throw truncated(what) }
        guard case .string(let text) = value else { throw TranscriptParseError(line: line, "expected \(what) (a text in quotes)") }
        return (text, line)
    }

    /// A count: a whole number from 0 to `limit`.
    mutating func count(_ what: String, limit: Int) throws(TranscriptParseError) -> Int {
        let (number, line) = try number(what)
        guard number >= 0, number <= Double(limit), number == number.rounded() else {
            throw TranscriptParseError(line: line, "\(what) must be a whole number from 0 to \(limit)")
        }
        return Int(number)
    }

    /// A time in seconds, as milliseconds.
    mutating func time(_ what: String) throws(TranscriptParseError) -> (ms: Int, line: Int) {
        let (seconds, line) = try number(what)
        guard let ms = ClockTime.milliseconds(fromSeconds: seconds) else {
            throw TranscriptParseError(line: line, "\(what) (\(seconds) s) is negative or beyond \(ImportLimits.maxMilliseconds / 3_600_000) hours")
        }
        return (ms, line)
    }

    func truncated(_ what: String) -> TranscriptParseError {
        TranscriptParseError(line: line, "the file ends where \(what) was expected (is it cut short?)")
    }
}

import PostgresNIO

/// A statement built piece by piece (conditions shared by several reads, optional filters), every
/// value sent as a bound parameter (`$1`, `$2`, …), never spliced into the text.
struct BoundQuery {
    private(set) var text: String
    private var binds = PostgresBindings()

    init(_ text: String = "") {
        self.text = text
    }

    /// Binds the value and returns its placeholder, to write into the text.
    mutating func bind(_ value: some PostgresNonThrowingEncodable) -> String {
        binds.append(value)
        return "$\(binds.count)"
    }

    /// Binds an optional value (NULL when nil) and returns its placeholder.
    mutating func bind(_ value: (some PostgresNonThrowingEncodable)?) -> String {
        if let value { binds.append(value) } else { binds.appendNull() }
        return "$\(binds.count)"
    }

    mutating func append(_ more: String) {
        text += more
    }

    var query: PostgresQuery { PostgresQuery(unsafeSQL: text, binds: binds) }
}

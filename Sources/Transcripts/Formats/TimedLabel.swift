/// A labelled stretch of time read from an annotation tier (a TextGrid interval, an EAF
/// annotation), with the line it came from for error messages.
struct TimedLabel {
    var text: String
    var startMs: Int?
    var endMs: Int?
    var line: Int
}

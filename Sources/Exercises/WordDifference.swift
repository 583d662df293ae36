/// Why a written word is not exactly the expected one. Each is forgiven from some level down
/// (a forgiven difference still leaves the word `correct`, and is reported so a client can show
/// it); the others make a near miss `close`.
public enum WordDifference: String, Sendable, Equatable, Hashable, Codable, CaseIterable {
    /// Upper or lower case: `ecole` for `École`. Forgiven at levels 1 and 2.
    case `case`
    /// A missing or wrong accent, ligature or diacritic: `ecole` for `école`, `oeuf` for `œuf`,
    /// Arabic vowel marks. Forgiven at level 1.
    case accents
    /// Another apostrophe shape: `'` for `’`. Forgiven at levels 1 and 2 (it is the keyboard's
    /// doing, not the writer's).
    case apostropheStyle
    /// An apostrophe missing or added: `lecole` or `l ecole` for `l'école`. Forgiven at level 1.
    case apostrophe
    /// A hyphen missing, added, or a space for it: `peut être` for `peut-être`. Forgiven at level 1.
    case hyphen
    /// Punctuation between words missing or different. Only level 3 looks at it.
    case punctuation
    /// One word written as two: `au jourd hui`. Never forgiven (always `close`).
    case split
    /// Two words written as one: `ademain` for `à demain`. Never forgiven (always `close`).
    case merged
    /// One or two letters off. Always `close`.
    case spelling
    /// Spelt as it sounds (`bato` for `bateau`, `nite` for `night`). Always `close`.
    case sound
    /// A number in digits for words or the other way round: `21` for `vingt et un`. Always forgiven.
    case number

    /// True when the difference does not count against the writer at `level`.
    public func isForgiven(at level: ExerciseLevel) -> Bool {
        switch self {
        case .case, .apostropheStyle: level <= .intermediate
        case .accents, .apostrophe, .hyphen: level == .beginner
        case .punctuation: level <= .intermediate
        case .number: true
        case .split, .merged, .spelling, .sound: false
        }
    }
}

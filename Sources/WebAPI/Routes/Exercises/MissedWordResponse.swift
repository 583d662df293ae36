import Storage

/// A word learners got wrong or left out.
struct MissedWordResponse: Codable, Equatable {
    let word: String
    let language: String
    let missed: Int
    let close: Int
    let learners: Int

    init(_ word: MissedWord) {
        self.word = word.word
        language = word.language
        missed = word.missed
        close = word.close
        learners = word.learners
    }
}

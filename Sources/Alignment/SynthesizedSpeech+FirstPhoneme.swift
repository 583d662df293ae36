extension SynthesizedSpeech {
    /// The first phoneme (IPA) eSpeak NG said for word `word` of phrase `phrase`; nil when it said
    /// none or none was recorded.
    func firstPhoneme(phrase: Int, word: Int) -> String? {
        guard wordFirstPhonemes.indices.contains(phrase), wordFirstPhonemes[phrase].indices.contains(word) else { return nil }
        return wordFirstPhonemes[phrase][word]
    }
}

import Foundation

/// The spoken label keys: one per clip shipped under `Public/shared/labels/fr/` (the French eSpeak NG
/// defaults). A trainer may record exactly these, in any language.
enum SpokenLabels {
    static let shippedLanguage = "fr"

    /// Read once from the shipped clips, sorted.
    static let keys: [String] = {
        let folder = ClientFiles.root + "/shared/labels/\(shippedLanguage)"
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return files.filter { $0.hasSuffix(".opus") }.map { String($0.dropLast(5)) }.sorted()
    }()

    static let keySet = Set(keys)
}

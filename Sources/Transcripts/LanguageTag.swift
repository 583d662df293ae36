/// BCP 47 language tags as Parlons keeps them: checked for shape, case made canonical
/// (`fr`, `en-GB`, `sr-Latn`).
public enum LanguageTag {
    /// The canonical form of `raw`, or `nil` when it is not shaped like a language tag.
    public static func canonical(_ raw: some StringProtocol) -> String? {
        let subtags = raw.split(separator: "-", omittingEmptySubsequences: false)
        guard raw.utf8.count <= 35, let first = subtags.first,
              (2...8).contains(first.count), first.allSatisfy({ $0.isASCII && $0.isLetter }),
              subtags.dropFirst().allSatisfy({ (1...8).contains($0.count) && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } })
        else { return nil }
        return subtags.enumerated().map { index, part in
            if index == 0 { return part.lowercased() }
            switch part.count {
            case 2: return part.uppercased()
            case 4: return part.prefix(1).uppercased() + part.dropFirst().lowercased()
            default: return part.lowercased()
            }
        }.joined(separator: "-")
    }
}

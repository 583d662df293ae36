/// The twelve pictures a learner's code is made of (three, in order).
public enum PictureCode {
    /// The pictures' names, in the order their numbers (0 to 11) give.
    public static let pictures = ["sun", "moon", "tree", "flower", "house", "car", "fish", "bird", "cat", "apple", "boat", "key"]
    /// How many pictures a code has.
    public static let length = 3

    /// Checks a code's shape and turns it into the string that is hashed; `invalidField` (`code`)
    /// when it is not three picture numbers.
    public static func normalized(_ code: [Int]) throws -> String {
        guard code.count == length, code.allSatisfy({ pictures.indices.contains($0) }) else {
            throw ServiceError.invalidField("code", "must be \(length) picture numbers from 0 to \(pictures.count - 1)")
        }
        return code.map(String.init).joined(separator: "-")
    }
}

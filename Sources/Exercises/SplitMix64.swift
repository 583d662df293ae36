/// A small deterministic random generator (SplitMix64), so an exercise made with a seed is the
/// same on every machine and every Swift version: the standard library's generators and shuffle
/// make no such promise.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in `0..<bound` (bound > 0). The modulo bias is below 2⁻⁵⁰ for the small bounds
    /// exercises use.
    public mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }

    /// `items` in a random order (Fisher–Yates, written out so the order never depends on the
    /// standard library's algorithm).
    public mutating func shuffled<T>(_ items: [T]) -> [T] {
        var items = items
        var index = items.count - 1
        while index > 0 {
            items.swapAt(index, below(index + 1))
            index -= 1
        }
        return items
    }
}

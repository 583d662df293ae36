import Exercises
import Transcripts

/// The seeded generator tests replay failing cases from (a flipped byte, a random request): the
/// exercises' own SplitMix64, so there is one copy of it.
public typealias SplitMix = SplitMix64

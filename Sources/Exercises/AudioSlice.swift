/// A piece of a recording, from `startMs` to `endMs`: what a tile, a word or a phrase plays.
/// Clients play it with a media fragment (`/media/ID.opus#t=1.200,1.650`).
public struct AudioSlice: Sendable, Equatable, Hashable, Codable {
    /// The recording the slice is cut from.
    public var recordingId: String
    /// Where it starts and ends, in milliseconds from the recording's start.
    public var startMs: Int
    public var endMs: Int

    public init(recordingId: String, startMs: Int, endMs: Int) {
        self.recordingId = recordingId
        self.startMs = startMs
        self.endMs = endMs
    }

    /// The slice of a timed word or segment; nil while it has no times.
    public init?(recordingId: String, startMs: Int?, endMs: Int?) {
        guard let startMs, let endMs, startMs < endMs else { return nil }
        self.init(recordingId: recordingId, startMs: startMs, endMs: endMs)
    }

    /// The `#t=start,end` media fragment, in seconds with three decimals (`#t=1.200,1.650`).
    public var fragment: String { "#t=\(Self.seconds(startMs)),\(Self.seconds(endMs))" }

    static func seconds(_ ms: Int) -> String {
        let fraction = String(ms % 1_000)
        return "\(ms / 1_000)." + String(repeating: "0", count: 3 - fraction.count) + fraction
    }
}

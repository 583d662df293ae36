import AudioCodec

/// WebM/Matroska uploads: `WebMDemuxer` fed whole and in pieces must find the same track and
/// frames (or refuse every time); then the whole `WebMToOggOpus` ingest, whose output must read back.
public enum WebMFuzzTarget {
    /// What one demux found, compared across the cuts.
    struct Demuxed: Equatable {
        var track: WebMAudioTrack?
        var frames: [[UInt8]] = []
        var discardPaddingNs: Int64 = 0
    }

    /// Runs one fuzz input; traps only on a bug.
    public static func run(_ bytes: [UInt8]) {
        FuzzFeed.agree(bytes) { plan in
            var found = Demuxed()
            let demuxer = WebMDemuxer(onTrack: { found.track = $0 }, onFrame: { found.frames.append([UInt8]($0)) })
            try FuzzFeed.feed(bytes, plan) { try demuxer.consume($0) }
            try demuxer.finish()
            found.discardPaddingNs = demuxer.discardPaddingNs
            return found
        }
        FuzzIngest.ingestOnce(bytes, as: .webm)
    }
}

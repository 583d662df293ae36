import AudioCodec

/// MP4 uploads: `MP4Demuxer` fed whole and in pieces must find the same OpusHead and samples (or
/// refuse every time); then the whole `MP4ToOggOpus` ingest, whose output must read back.
public enum MP4FuzzTarget {
    /// What one demux found, compared across the cuts.
    struct Demuxed: Equatable {
        var head: OpusHead?
        var samples: [[UInt8]] = []
    }

    /// Runs one fuzz input; traps only on a bug.
    public static func run(_ bytes: [UInt8]) {
        FuzzFeed.agree(bytes) { plan in
            var found = Demuxed()
            let demuxer = MP4Demuxer(onTrack: { found.head = $0 }, onSample: { found.samples.append([UInt8]($0)) })
            try FuzzFeed.feed(bytes, plan) { try demuxer.consume($0) }
            try demuxer.finish()
            return found
        }
        FuzzIngest.ingestOnce(bytes, as: .mp4)
    }
}

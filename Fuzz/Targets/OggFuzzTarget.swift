import AudioCodec

/// Ogg uploads (`OggOpusIngest.make(for: .ogg)`: the re-muxer over `OggPacketReader`, or the
/// decoder for chained and multichannel streams), fed whole and in pieces; the runs must agree and
/// what was written must read back. Run on the input with its page CRCs recomputed, then as it is.
public enum OggFuzzTarget {
    /// Runs one fuzz input; traps only on a bug.
    public static func run(_ bytes: [UInt8]) {
        let fixed = OggPageCRC.fixed(bytes)
        FuzzFeed.agree(fixed) { plan in try FuzzIngest.ingest(fixed, as: .ogg, plan: plan) }
        if fixed != bytes { FuzzIngest.ingestOnce(bytes, as: .ogg) }
    }
}

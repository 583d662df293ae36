import AudioCodec

/// WAV uploads: `WAVStreamReader` fed whole and in pieces must hand out the same samples (or
/// refuse the input every time); then the whole transcode, as an upload runs it.
public enum WAVFuzzTarget {
    /// Runs one fuzz input; traps only on a bug.
    public static func run(_ bytes: [UInt8]) {
        FuzzFeed.agree(bytes) { plan in
            let reader = WAVStreamReader()
            // Compared as bit patterns, so a NaN (were one to get through) still equals itself.
            var samples: [UInt32] = []
            try FuzzFeed.feed(bytes, plan) { piece in try reader.consume(piece) { samples += $0.map(\.bitPattern) } }
            try reader.finish()
            return samples
        }
        FuzzIngest.ingestOnce(bytes, as: .wav)
    }
}

extension OggOpusDecoder {
    /// An Ogg Opus stream decoded whole to mono samples at `sampleRate` (decoded at 48 kHz, then
    /// resampled), its bytes read chunk by chunk from `next` until it returns nil. What the server
    /// analyses a stored recording on (alignment), and what the aligner benchmark's `--as-stored`
    /// measures.
    public static func samples(sampleRate: Int, reservingCapacity capacity: Int = 0, next: () throws -> [UInt8]?) throws -> [Float] {
        var samples: [Float] = []
        samples.reserveCapacity(capacity)
        let resampler = try Resampler(inputRate: 48_000, outputRate: sampleRate)
        let decoder = OggOpusDecoder { pcm in try resampler.process(pcm) { samples.append(contentsOf: $0) } }
        while let chunk = try next() {
            try chunk.withUnsafeBytes { try decoder.consume($0) }
        }
        try decoder.finish()
        try resampler.flush { samples.append(contentsOf: $0) }
        return samples
    }
}

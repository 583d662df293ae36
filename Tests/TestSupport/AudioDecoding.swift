import AudioCodec

/// Whole-buffer conveniences over the streaming readers, for tests.
public enum AudioDecoding {
    /// Decodes a whole Ogg Opus file to mono 48 kHz samples, feeding it in `pieceSize` pieces.
    public static func oggOpus(_ bytes: [UInt8], pieceSize: Int = 4_096) throws -> (samples: [Float], head: OpusHead, tags: OpusTags) {
        var samples: [Float] = []
        let decoder = OggOpusDecoder { samples.append(contentsOf: $0) }
        try feed(bytes, pieceSize: pieceSize) { try decoder.consume($0) }
        try decoder.finish()
        return (samples, decoder.head!, decoder.tags!)
    }

    /// Reads a whole WAV file to mono samples with the streaming reader.
    public static func wav(_ bytes: [UInt8], pieceSize: Int = 4_096) throws -> (samples: [Float], format: WAVFormat) {
        let reader = WAVStreamReader()
        var samples: [Float] = []
        try feed(bytes, pieceSize: pieceSize) { try reader.consume($0) { samples.append(contentsOf: $0) } }
        try reader.finish()
        return (samples, reader.format!)
    }

    /// Encodes a whole WAV file to Ogg Opus bytes with the streaming transcoder.
    public static func encode(
        _ wav: [UInt8],
        settings: OpusEncoderSettings,
        title: String? = nil,
        language: String? = nil,
        pieceSize: Int = 4_096
    ) throws -> (ogg: [UInt8], result: WAVToOggOpusTranscoder.Result) {
        var ogg: [UInt8] = []
        let transcoder = WAVToOggOpusTranscoder(settings: settings, title: title, language: language) { ogg.append(contentsOf: $0) }
        try feed(wav, pieceSize: pieceSize) { try transcoder.consume($0) }
        let result = try transcoder.finishWAV()  // before reading `ogg`: finish writes the last pages
        return (ogg, result)
    }

    /// Calls `body` with consecutive pieces of `bytes`.
    public static func feed(_ bytes: [UInt8], pieceSize: Int, _ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        try bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let end = min(raw.count, offset + pieceSize)
                try body(UnsafeRawBufferPointer(rebasing: raw[offset..<end]))
                offset = end
            }
        }
    }
}

/// Decodes Opus packets of any channel layout to mono: libopus's plain decoder for one or two
/// channels, its multistream decoder for more. Channels are averaged; a low-frequency effects
/// channel (5.1 and 7.1 in mapping family 1) is left out, since it carries no speech.
final class OpusChannelDownmixer {
    private enum Backend {
        case plain(OpusDecoder)
        case multistream(OpusMultistreamDecoder)
    }

    private let backend: Backend
    private let channels: Int
    /// The channels that go into the mono mix.
    private let mixed: [Int]
    private var mono = [Float](repeating: 0, count: OpusDecoder.maxFrameSamples)

    init(head: OpusHead, mapping: OpusChannelMapping?) throws {
        channels = head.channelCount
        if let mapping {
            backend = .multistream(try OpusMultistreamDecoder(channels: channels, mapping: mapping, gain: head.outputGain))
        } else {
            backend = .plain(try OpusDecoder(channels: channels, gain: head.outputGain))
        }
        let lowFrequencyChannel = head.mappingFamily == 1 && (channels == 6 || channels == 8) ? channels == 6 ? 5 : 7 : nil
        mixed = (0..<channels).filter { $0 != lowFrequencyChannel }
    }

    /// Decodes one packet and hands its mono samples to `body`.
    func decode(packet: UnsafeRawBufferPointer, _ body: (UnsafeBufferPointer<Float>) throws -> Void) throws {
        let mix: (UnsafeBufferPointer<Float>) throws -> Void = { pcm in
            if self.channels == 1 { return try body(pcm) }
            let frames = pcm.count / self.channels, scale = 1 / Float(self.mixed.count)
            for frame in 0..<frames {
                var sum: Float = 0
                for channel in self.mixed { sum += pcm[frame * self.channels + channel] }
                self.mono[frame] = sum * scale
            }
            try self.mono.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[0..<frames])) }
        }
        switch backend {
        case .plain(let decoder): try decoder.decode(packet: packet, mix)
        case .multistream(let decoder): try decoder.decode(packet: packet, mix)
        }
    }
}

import AudioCodec
import Foundation

/// Listens to the Ogg Opus stream an upload becomes, as it is written: decodes it (no re-encode)
/// to measure loudness and true peak and to build waveform peaks, and keeps the first page so the
/// output gain can be set once the loudness is known.
public final class IngestMeasurement {
    public let meter = LoudnessMeter()
    public let peaks = WaveformPeaksBuilder()
    private var decoder: OggOpusDecoder!
    private(set) var firstPage: [UInt8] = []
    private var firstPageComplete = false

    public init() {
        decoder = OggOpusDecoder { [meter, peaks] samples in
            meter.process(samples)
            peaks.process(samples)
        }
    }

    public func consume(_ bytes: UnsafeRawBufferPointer) throws {
        if !firstPageComplete {
            firstPage += bytes.prefix(4_096 - firstPage.count)
            if let length = OpusHeadPage.firstPageLength(firstPage) {
                firstPage = Array(firstPage.prefix(length))
                firstPageComplete = true
            }
        }
        try decoder.consume(bytes)
    }

    public func finish() throws {
        try decoder.finish()
    }

    /// The output gain the stream's OpusHead carries now.
    public var currentGain: Int16 { decoder.head?.outputGain ?? 0 }
}

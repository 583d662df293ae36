/// The Ogg Opus identification header (RFC 7845 §5.1).
public struct OpusHead: Sendable, Equatable {
    public var version: UInt8
    public var channelCount: Int
    /// Samples at 48 kHz to drop from the start of the decoded output.
    public var preSkip: Int
    /// The sample rate of the original input (informational; Opus always decodes at 48 kHz here).
    public var inputSampleRate: Int
    /// Gain in Q7.8 dB to apply when decoding.
    public var outputGain: Int16
    public var mappingFamily: UInt8

    public init(channelCount: Int, preSkip: Int, inputSampleRate: Int, outputGain: Int16 = 0, mappingFamily: UInt8 = 0) {
        self.version = 1
        self.channelCount = channelCount
        self.preSkip = preSkip
        self.inputSampleRate = inputSampleRate
        self.outputGain = outputGain
        self.mappingFamily = mappingFamily
    }

    /// The 19-byte packet for mapping family 0.
    public func serialized() -> [UInt8] {
        var bytes = Array("OpusHead".utf8)
        bytes.append(version)
        bytes.append(UInt8(channelCount))
        bytes.appendLittleEndian(UInt16(preSkip))
        bytes.appendLittleEndian(UInt32(inputSampleRate))
        bytes.appendLittleEndian(UInt16(bitPattern: outputGain))
        bytes.append(mappingFamily)
        return bytes
    }

    /// Parses and validates an OpusHead packet for a mono or stereo stream (mapping family 0), the
    /// only kind we re-mux, store and serve.
    public init(parsing packet: UnsafeRawBufferPointer) throws(OggOpusError) {
        let (head, _) = try Self.parsingAnyMapping(packet)
        guard head.mappingFamily == 0, head.channelCount <= 2 else {
            throw .unsupportedChannelMapping(family: Int(head.mappingFamily), channels: head.channelCount)
        }
        self = head
    }

    /// Parses an OpusHead of any mapping family; for families other than 0 it also returns the
    /// channel mapping table (RFC 7845 §5.1.1), which a multistream decoder needs.
    public static func parsingAnyMapping(_ packet: UnsafeRawBufferPointer) throws(OggOpusError) -> (OpusHead, OpusChannelMapping?) {
        let bytes = [UInt8](packet)
        guard bytes.count >= 19, bytes[0..<8].elementsEqual("OpusHead".utf8) else {
            throw .invalidOpusHead("first packet is not an OpusHead")
        }
        // Only the major version (upper four bits) must be 0; minor versions stay compatible.
        guard bytes[8] & 0xF0 == 0 else { throw .invalidOpusHead("unsupported version \(bytes[8])") }
        let channels = Int(bytes[9])
        guard channels > 0 else { throw .invalidOpusHead("zero channels") }
        var head = OpusHead(
            channelCount: channels, preSkip: Int(bytes.littleEndianUInt16(at: 10)),
            inputSampleRate: Int(bytes.littleEndianUInt32(at: 12)),
            outputGain: Int16(bitPattern: bytes.littleEndianUInt16(at: 16)), mappingFamily: bytes[18]
        )
        head.version = bytes[8]
        guard head.mappingFamily != 0 else {
            guard channels <= 2 else { throw .invalidOpusHead("mapping family 0 with \(channels) channels") }
            return (head, nil)
        }
        return (head, try OpusChannelMapping(parsing: bytes, channels: channels))
    }
}

extension Array where Element == UInt8 {
    mutating func appendLittleEndian<T: FixedWidthInteger>(_ value: T) {
        Swift.withUnsafeBytes(of: value.littleEndian) { append(contentsOf: $0) }
    }
}

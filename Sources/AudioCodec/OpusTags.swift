import COpus

/// The Ogg Opus comment header (RFC 7845 §5.2): a vendor string and `NAME=value` comments.
public struct OpusTags: Sendable, Equatable {
    public var vendor: String
    public var comments: [String]

    /// The vendor libopus reports for itself, e.g. "libopus 1.3.1".
    public static var libopusVendor: String { String(cString: opus_get_version_string()) }

    public init(vendor: String = OpusTags.libopusVendor, comments: [String] = []) {
        self.vendor = vendor
        self.comments = comments
    }

    /// The first value of a comment field, compared case-insensitively as RFC 7845 asks.
    public func value(of field: String) -> String? {
        let prefix = field.uppercased() + "="
        return comments.first { $0.uppercased().hasPrefix(prefix) }.map { String($0.dropFirst(prefix.count)) }
    }

    public func serialized() -> [UInt8] {
        var bytes = Array("OpusTags".utf8)
        let vendor = Array(vendor.utf8)
        bytes.appendLittleEndian(UInt32(vendor.count))
        bytes.append(contentsOf: vendor)
        bytes.appendLittleEndian(UInt32(comments.count))
        for comment in comments {
            let utf8 = Array(comment.utf8)
            bytes.appendLittleEndian(UInt32(utf8.count))
            bytes.append(contentsOf: utf8)
        }
        return bytes
    }

    /// Parses an OpusTags packet, checking every length against the packet's size.
    public init(parsing packet: UnsafeRawBufferPointer) throws(OggOpusError) {
        let bytes = [UInt8](packet)
        guard bytes.count >= 16, bytes[0..<8].elementsEqual("OpusTags".utf8) else {
            throw .invalidOpusTags("second packet is not an OpusTags")
        }
        var position = 8
        func string() throws(OggOpusError) -> String {
            guard position + 4 <= bytes.count else { throw .invalidOpusTags("length field past the end") }
            let length = Int(bytes.littleEndianUInt32(at: position))
            position += 4
            guard length <= bytes.count - position else { throw .invalidOpusTags("string of \(length) bytes past the end") }
            defer { position += length }
            return String(decoding: bytes[position..<(position + length)], as: UTF8.self)
        }
        vendor = try string()
        guard position + 4 <= bytes.count else { throw .invalidOpusTags("comment count missing") }
        let count = Int(bytes.littleEndianUInt32(at: position))
        position += 4
        // Each comment needs at least its 4-byte length: a larger count is a lie.
        guard count <= (bytes.count - position) / 4 else { throw .invalidOpusTags("comment count \(count) exceeds the packet") }
        var comments: [String] = []
        comments.reserveCapacity(count)
        for _ in 0..<count { comments.append(try string()) }
        self.comments = comments
    }
}

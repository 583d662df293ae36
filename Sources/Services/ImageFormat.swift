/// The photo formats accepted for avatars and group pictures, recognised and sanity-checked from
/// the bytes (never from a header or a file name).
public enum ImageFormat: String, Sendable {
    case png = "image/png"
    case jpeg = "image/jpeg"
    case webp = "image/webp"

    /// The largest photo accepted.
    public static let maxBytes = 2 * 1_024 * 1_024

    /// Recognises a whole image; `unsupportedMediaType` for other formats, `emptyBody`, and
    /// `unreadable` (`invalid_image`) for broken ones.
    public static func recognise(_ bytes: [UInt8]) throws -> ImageFormat {
        guard !bytes.isEmpty else { throw ServiceError(.emptyBody, "the request has no image in its body") }
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) {
            // The IHDR chunk comes first: length 13, then a non-zero width and height.
            guard bytes.count >= 33, bytes[8..<16].elementsEqual([0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]),
                  bigEndian(bytes, 16) > 0, bigEndian(bytes, 20) > 0 else { throw broken("PNG", "its IHDR header is missing or empty") }
            guard bytes.suffix(8).elementsEqual([0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82]) else { throw broken("PNG", "it is truncated (no IEND)") }
            return .png
        }
        if bytes.starts(with: [0xFF, 0xD8, 0xFF]) {
            guard bytes.count >= 4, bytes.suffix(2).elementsEqual([0xFF, 0xD9]) else { throw broken("JPEG", "it is truncated (no end marker)") }
            return .jpeg
        }
        if bytes.count >= 12, bytes.starts(with: Array("RIFF".utf8)), bytes[8..<12].elementsEqual("WEBP".utf8) {
            let declared = Int(bytes[4]) | Int(bytes[5]) << 8 | Int(bytes[6]) << 16 | Int(bytes[7]) << 24
            guard declared + 8 == bytes.count, bytes.count >= 20,
                  [Array("VP8 ".utf8), Array("VP8L".utf8), Array("VP8X".utf8)].contains(Array(bytes[12..<16])) else {
                throw broken("WebP", "its RIFF size or first chunk is wrong")
            }
            return .webp
        }
        throw ServiceError(.unsupportedMediaType, "send a PNG, JPEG or WebP photo")
    }

    private static func bigEndian(_ bytes: [UInt8], _ offset: Int) -> UInt32 {
        bytes[offset..<(offset + 4)].reduce(0) { $0 << 8 | UInt32($1) }
    }

    private static func broken(_ format: String, _ why: String) -> ServiceError {
        ServiceError(.unreadable, "the \(format) photo is broken: \(why)", code: "invalid_image")
    }
}

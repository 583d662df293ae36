import AudioCodec
import Foundation
import NIOCore
import Storage

/// The audio of `/media/ID.caf`: the stored file's Opus packets, read and unwrapped chunk by
/// chunk. Used by one response body at a time, which waits for each chunk before asking for the
/// next (on whichever pool thread is free), hence `@unchecked Sendable`.
final class CAFPackets: @unchecked Sendable {
    private let chunks: BlobCursor
    private let packets = CAFOpusWriter.PacketReader()

    init(_ reader: any BlobReader) {
        chunks = BlobCursor(reader, chunkSize: MediaController.readChunkSize)
    }

    /// The packets of the next chunk of the file, or nil at its end.
    func next() throws -> ByteBuffer? {
        guard let chunk = try chunks.next() else { return nil }
        var pending: [UInt8] = []
        try chunk.withUnsafeBytes { bytes in try packets.consume(bytes) { pending += $0 } }
        return ByteBuffer(bytes: pending)
    }
}

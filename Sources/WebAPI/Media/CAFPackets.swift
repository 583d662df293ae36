import AudioCodec
import Foundation
import NIOCore

/// The audio of `/media/ID.caf`: the stored file's Opus packets, read and unwrapped chunk by
/// chunk. Used by one response body at a time, which waits for each chunk before asking for the
/// next (on whichever pool thread is free), hence `@unchecked Sendable`.
final class CAFPackets: @unchecked Sendable {
    private let file: FileHandle
    private let packets = CAFOpusWriter.PacketReader()
    private var ended = false

    init(path: String, recordingId: String) throws {
        guard let file = FileHandle(forReadingAtPath: path) else { throw APIError.notFound("media \(recordingId).caf") }
        self.file = file
    }

    /// The packets of the next chunk of the file, or nil at its end (the file is closed then).
    func next() throws -> ByteBuffer? {
        guard !ended, let chunk = try file.read(upToCount: MediaController.readChunkSize), !chunk.isEmpty else {
            if !ended { try? file.close() }
            ended = true
            return nil
        }
        var pending: [UInt8] = []
        try chunk.withUnsafeBytes { bytes in try packets.consume(bytes) { pending += $0 } }
        return ByteBuffer(bytes: pending)
    }

    deinit {
        if !ended { try? file.close() }
    }
}

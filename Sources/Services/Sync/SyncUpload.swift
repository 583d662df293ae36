import Foundation
import NIOCore
import NIOPosix

/// One request's bytes of an upload, appended to the staged bundle as they come (on NIO's thread
/// pool, in batches): what arrived before a connection broke stays, flushed, for the next request
/// to continue from.
///
/// Used by one request at a time, from one task (hence `@unchecked Sendable`).
public final class SyncUpload: @unchecked Sendable {
    let transfers: SyncTransfers
    let groupId: String
    let url: URL
    private let handle: FileHandle
    private var pending: [ByteBuffer] = []
    private var pendingBytes = 0
    /// Where the received bytes end.
    public private(set) var offset: Int
    /// The bundle's whole size.
    public let length: Int
    static let batchBytes = 256 * 1_024

    init(transfers: SyncTransfers, groupId: String, url: URL, handle: FileHandle, offset: Int, length: Int) {
        self.transfers = transfers
        self.groupId = groupId
        self.url = url
        self.handle = handle
        self.offset = offset
        self.length = length
    }

    /// Appends bytes (written once a batch is full).
    public func write(_ buffer: ByteBuffer) async throws {
        guard offset + pendingBytes + buffer.readableBytes <= length else {
            throw SyncTransferError.invalidRequest("the upload is longer than the \(length) bytes it announced")
        }
        pending.append(buffer)
        pendingBytes += buffer.readableBytes
        if pendingBytes >= Self.batchBytes { try await flush() }
    }

    /// Writes and flushes what is pending to disk: the received bytes are then what `HEAD` reports.
    public func flush() async throws {
        let batch = pending, handle = handle
        pending.removeAll(keepingCapacity: true)
        let count = pendingBytes
        pendingBytes = 0
        let folder = url.deletingLastPathComponent().path
        try await NIOThreadPool.singleton.runIfActive {
            do {
                for buffer in batch { try handle.write(contentsOf: Data(buffer.readableBytesView)) }
                try handle.synchronize()
            } catch {
                // This server's fault (a full disk), not the sender's: answered 503, try again later.
                throw SyncError.cannotWrite(path: folder, reason: "\(error)")
            }
        }
        offset += count
    }

    /// Keeps what arrived (a broken connection): the next request continues from there.
    public func keepReceived() async {
        try? await flush()
        try? handle.close()
        await transfers.locks.release(url.path)
    }

    /// Ends this request's part: the bundle imported when its last byte has arrived (and the
    /// staged file removed, applied or refused), nil when more is to come.
    public func finish() async throws -> SyncImportReport? {
        do {
            try await flush()
            try handle.close()
            guard offset == length else {
                await transfers.locks.release(url.path)
                return nil
            }
            let report = try await transfers.importUpload(groupId: groupId, at: url)
            await transfers.locks.release(url.path)
            return report
        } catch {
            await transfers.locks.release(url.path)
            throw error
        }
    }
}

import Foundation
import Storage

/// The server side of sync over HTTP, in a folder of its own under the media root: uploads of the
/// other server's bundles (`staging/GROUP/NAME`, appended to at the offset the bytes received end,
/// applied once whole), and the bundles prepared for it (`outbox/GROUP/NAME`, read by ranges).
///
/// A bundle is imported exactly as `parlons sync import` does (checked whole, one transaction; a
/// bundle applied already changes nothing), so an upload cut at any byte leaves nothing applied.
public struct SyncTransfers: Sendable {
    public let service: SyncService
    /// `<media>/sync`.
    public let folder: URL
    /// Partial uploads untouched this long are removed (at start-up and with every new upload).
    public var stagingLifetime: TimeInterval = 24 * 3_600
    /// The largest bundle accepted (a sanity bound against a peer filling the disk; a camp's
    /// month is tens of megabytes).
    public var maxBundleBytes = 16 * 1_024 * 1_024 * 1_024
    let locks = SyncUploadLocks()

    public init(service: SyncService, folder: URL) {
        self.service = service
        self.folder = folder
    }

    /// A bundle name a Parlons export makes: letters, digits, `-`, `_` and `.` ending in `.parlons-sync`.
    static func checkName(_ name: String) throws(SyncTransferError) {
        let allowed = name.utf8.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
                || byte == UInt8(ascii: ".")
        }
        guard allowed, name.count <= 200, !name.hasPrefix("."), name.hasSuffix(".\(SyncBundle.fileExtension)") else {
            throw .invalidRequest("\(name.prefix(80)) is not the name of a sync bundle")
        }
    }

    func staging(groupId: String) -> URL { folder.appendingPathComponent("staging/\(groupId)", isDirectory: true) }
    func outbox(groupId: String) -> URL { folder.appendingPathComponent("outbox/\(groupId)", isDirectory: true) }

    // MARK: authentication

    /// Checks a request's `Parlons-Sync` header against the group's pair: an unknown or unpaired
    /// group is `notPaired`, a bad or stale signature a `SyncTransferError`.
    public func authenticate(groupId: String, method: String, path: String, header: String?, now: Date = Date()) async throws {
        guard ResourceID.isValid(groupId), let pair = try await service.sync.pair(groupId: groupId) else {
            throw SyncError.notPaired(groupId: String(groupId.prefix(80)))
        }
        try SyncRequestSignature.check(header, key: pair.key, method: method, path: path, now: now)
    }

    // MARK: uploads (the other server's bundles)

    /// Bytes of the bundle received so far (0 when none).
    public func receivedBytes(groupId: String, name: String) async throws -> Int {
        try Self.checkName(name)
        let url = staging(groupId: groupId).appendingPathComponent(name)
        await locks.acquire(url.path)
        let size = Self.stagedSize(url)
        await locks.release(url.path)
        return size
    }

    static func stagedSize(_ url: URL) -> Int {
        (try? size(of: url)) ?? 0
    }

    /// Starts appending to the bundle at `offset` (which must be where the received bytes end);
    /// `length` is the bundle's whole size.
    public func beginUpload(groupId: String, name: String, offset: Int, length: Int) async throws -> SyncUpload {
        try Self.checkName(name)
        // offset == length: the bundle arrived whole but was not applied (the server stopped
        // before the import committed); an empty request finishes it.
        guard length <= maxBundleBytes else {
            throw SyncTransferError.invalidRequest("a bundle of \(length) bytes is more than the \(maxBundleBytes) this server accepts")
        }
        guard length > 0, offset >= 0, offset <= length else {
            throw SyncTransferError.invalidRequest("the upload's offset \(offset) and length \(length) do not fit")
        }
        let directory = staging(groupId: groupId)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        sweepStaging()
        let url = directory.appendingPathComponent(name)
        await locks.acquire(url.path)
        do {
            let received = Self.stagedSize(url)
            guard received == offset else { throw SyncTransferError.wrongOffset(expected: received, given: offset) }
            if received == 0 { _ = FileManager.default.createFile(atPath: url.path, contents: nil) }
            guard let handle = FileHandle(forWritingAtPath: url.path) else {
                throw SyncError.cannotWrite(path: directory.path, reason: "a file cannot be made there")
            }
            try handle.seekToEnd()
            return SyncUpload(transfers: self, groupId: groupId, url: url, handle: handle, offset: offset, length: length)
        } catch {
            await locks.release(url.path)
            throw error
        }
    }

    /// Imports a whole upload (see ``SyncService/importBundle(at:beforeEachItem:)``), then removes it,
    /// applied or refused.
    func importUpload(groupId: String, at url: URL) async throws -> SyncImportReport {
        defer { try? FileManager.default.removeItem(at: url) }
        let manifest = try SyncBundle.manifest(at: url).manifest
        guard manifest.groupId == groupId else { throw SyncError.otherGroup(file: url.lastPathComponent, groupId: manifest.groupId) }
        return try await service.importBundle(at: url)
    }

    /// Removes partial uploads untouched for ``stagingLifetime``.
    public func sweepStaging(now: Date = Date()) {
        let root = folder.appendingPathComponent("staging", isDirectory: true)
        guard let groups = try? FileManager.default.contentsOfDirectory(at: root, includingPropertiesForKeys: nil) else { return }
        for group in groups {
            for file in (try? FileManager.default.contentsOfDirectory(at: group, includingPropertiesForKeys: [.contentModificationDateKey])) ?? [] {
                let changed = (try? file.resourceValues(forKeys: [.contentModificationDateKey]).contentModificationDate) ?? now
                if now.timeIntervalSince(changed) > stagingLifetime { try? FileManager.default.removeItem(at: file) }
            }
        }
    }

    // MARK: downloads (bundles for the other server)

    /// A bundle of what the other server lacks, in the outbox: the one waiting there when the
    /// other side has not confirmed applying it yet, else a new export (those it confirmed are
    /// removed).
    public func prepareOutgoing(groupId: String, now: Date = Date()) async throws -> SyncOffer {
        let pair = try await service.pair(groupId: groupId)
        let directory = outbox(groupId: groupId)
        for url in (try? service.bundleFiles(at: directory)) ?? [] {
            guard let manifest = try? SyncBundle.manifest(at: url).manifest, manifest.upTo > pair.peerReceivedUpTo else {
                try? FileManager.default.removeItem(at: url)
                continue
            }
            return SyncOffer(name: url.lastPathComponent, size: try Self.size(of: url))
        }
        let report = try await service.export(groupId: groupId, to: directory, now: now)
        return SyncOffer(name: report.file.lastPathComponent, size: report.bytes)
    }

    /// The outbox bundle's file, to be sent by ranges, and its size.
    public func outgoingFile(groupId: String, name: String) throws -> (url: URL, size: Int) {
        try Self.checkName(name)
        let url = outbox(groupId: groupId).appendingPathComponent(name)
        // One look: a bundle removed meanwhile (the other side confirmed it) is not found, not a 500.
        guard let size = try? Self.size(of: url) else { throw SyncTransferError.noSuchBundle(name) }
        return (url, size)
    }

    static func size(of url: URL) throws -> Int {
        try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int ?? 0
    }
}

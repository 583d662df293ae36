import Foundation

extension SyncService {
    /// Refuses what is not an `http://` or `https://` address of a server (with a host, no query).
    public static func checkPeerURL(_ url: String) throws(SyncTransferError) {
        guard let parsed = URL(string: url), let scheme = parsed.scheme?.lowercased(), ["http", "https"].contains(scheme),
              parsed.host?.isEmpty == false, parsed.query == nil else {
            throw .invalidRequest("\(url.prefix(120)) is not an http:// or https:// address of a server")
        }
    }

    /// Keeps the other server's address for the group's pair (`http://` or `https://`, with a host).
    public func setPeerURL(groupId: String, url: String) async throws {
        try Self.checkPeerURL(url)
        var pair = try await pair(groupId: groupId)
        pair.peerURL = url
        try await sync.save(pair)
    }

    /// One exchange with the peer over HTTP: push (the bundle an earlier exchange could not finish
    /// sending, resumed where the peer's bytes end, then a new one of what changed here), then
    /// pull (a bundle of what the peer has for us, downloaded by ranges into `folder/pull`, resumed
    /// likewise, then imported as `sync import` does).
    ///
    /// Bundles wait in `folder` (the media root's `sync/`) until sent or applied, so an exchange
    /// broken at any byte is continued by the next; a bundle that never arrives is sent again
    /// (each side's bundles say how far it applied the other's).
    public func exchange(groupId: String, with peer: any SyncPeer, folder: URL, now: Date = Date()) async throws -> SyncExchangeReport {
        _ = try await pair(groupId: groupId)
        let lock = try SyncExchangeLock(folder: folder, groupId: groupId)
        defer { withExtendedLifetime(lock) {} }
        var report = SyncExchangeReport()
        let waiting = folder.appendingPathComponent("push/\(groupId)", isDirectory: true)
        for file in (try? bundleFiles(at: waiting)) ?? [] {
            try await push(file, groupId: groupId, to: peer, folder: folder, report: &report)
        }
        // Made after the waiting ones left: an export with nothing new may take a sent one's name.
        let made = try await export(groupId: groupId, to: waiting, now: now)
        try await push(made.file, groupId: groupId, to: peer, folder: folder, report: &report)

        let offer = try await peer.prepare(groupId: groupId)
        try SyncTransfers.checkName(offer.name)
        let pull = folder.appendingPathComponent("pull/\(groupId)", isDirectory: true)
        try FileManager.default.createDirectory(at: pull, withIntermediateDirectories: true)
        let file = pull.appendingPathComponent(offer.name)
        for other in (try? FileManager.default.contentsOfDirectory(at: pull, includingPropertiesForKeys: nil)) ?? [] where other != file {
            try? FileManager.default.removeItem(at: other)  // an offer that was replaced
        }
        var have = (try? SyncTransfers.size(of: file)) ?? 0
        if have > offer.size {
            try? FileManager.default.removeItem(at: file)
            have = 0
        }
        if have < offer.size {
            try await peer.download(groupId: groupId, offer: offer, into: file, from: have)
            report.bytesReceived += offer.size - have
        }
        do {
            report.pulled = SyncImportSummary(try await importBundle(at: file))
        } catch {
            // One whole and signed that does not fit here (a name taken) or holds an item this
            // server cannot take is kept: fetching it again cannot help, and the next exchange
            // tries it again from here (after a trainer's fix) rather than over a camp's thin link.
            if (error as? SyncError)?.isAboutContent != true { try? FileManager.default.removeItem(at: file) }
            throw error
        }
        try? FileManager.default.removeItem(at: file)
        return report
    }

    /// Uploads one bundle; one the peer read whole and refused for its content (a changed byte, a
    /// name taken there) is set aside, as sending it again cannot help and it must not block the
    /// pull. What it held goes in the next bundle, as the peer never confirmed it.
    private func push(_ file: URL, groupId: String, to peer: any SyncPeer, folder: URL, report: inout SyncExchangeReport) async throws {
        do {
            report.pushed.append(try await upload(file, groupId: groupId, to: peer, report: &report))
        } catch SyncTransferError.refused(_, let status, let message) where status == 422 {
            report.refused.append(message)
            setAside(file, groupId: groupId, folder: folder)
        }
    }

    /// Moves a bundle the peer refused to `folder/refused/GROUP/` (the last one only), for whoever
    /// looks into why.
    private func setAside(_ file: URL, groupId: String, folder: URL) {
        let refused = folder.appendingPathComponent("refused/\(groupId)", isDirectory: true)
        try? FileManager.default.removeItem(at: refused)
        try? FileManager.default.createDirectory(at: refused, withIntermediateDirectories: true)
        if (try? FileManager.default.moveItem(at: file, to: refused.appendingPathComponent(file.lastPathComponent))) == nil {
            try? FileManager.default.removeItem(at: file)
        }
    }

    /// Sends one pushed bundle from where the peer's bytes end; removes it once the peer applied it.
    private func upload(_ file: URL, groupId: String, to peer: any SyncPeer, report: inout SyncExchangeReport) async throws -> SyncImportSummary {
        let size = try SyncTransfers.size(of: file)
        var offset = try await peer.receivedBytes(groupId: groupId, name: file.lastPathComponent)
        for _ in 0..<2 {
            do {
                guard let summary = try await peer.upload(groupId: groupId, name: file.lastPathComponent, file: file, offset: offset, size: size)
                else { throw SyncTransferError.unreachable(peer: peer.address, reason: "the upload ended before its last byte") }
                report.bytesSent += size - offset
                try? FileManager.default.removeItem(at: file)
                return summary
            } catch SyncTransferError.wrongOffset(let expected, _) {
                offset = expected  // the peer holds more (or less) than it said a moment ago
            }
        }
        throw SyncTransferError.unreachable(peer: peer.address, reason: "the upload's offset keeps changing")
    }
}

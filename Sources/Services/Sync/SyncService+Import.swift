import Foundation
import Storage

extension SyncService {
    /// Applies every bundle in `path` (a folder, or one bundle file) made for a group paired here,
    /// oldest first; this server's own bundles, and in a folder those for groups not paired here
    /// (a stick that visits several camps), are left alone; a folder with none for this server is
    /// refused (`otherGroup`). Each bundle is checked whole
    /// (signature, every file's SHA-256, group, sender) before anything
    /// is written, then applied in one transaction: a refused or interrupted bundle changes
    /// nothing (its audio, written before the rows, is removed again).
    ///
    /// - Parameter beforeEachItem: runs before each item is applied; throwing stops the import,
    ///   which is rolled back (tests interrupt imports with it).
    public func importBundles(from path: URL, beforeEachItem: @escaping @Sendable () throws -> Void = {}) async throws -> [SyncImportReport] {
        let files = try bundleFiles(at: path)
        let me = try await sync.serverId()
        var pending: [(url: URL, manifest: SyncManifest)] = []
        var foreign: SyncError?
        for url in files {
            let manifest = try SyncBundle.manifest(at: url).manifest
            guard manifest.from != me else { continue }
            guard try await sync.pair(groupId: manifest.groupId) != nil else {
                foreign = foreign ?? SyncError.otherGroup(file: url.lastPathComponent, groupId: manifest.groupId)
                continue
            }
            pending.append((url, manifest))
        }
        if pending.isEmpty, let foreign { throw foreign }
        pending.sort { ($0.manifest.groupId, $0.manifest.since, $0.manifest.upTo) < ($1.manifest.groupId, $1.manifest.since, $1.manifest.upTo) }
        var reports: [SyncImportReport] = []
        for (url, _) in pending {
            reports.append(try await importBundle(at: url, beforeEachItem: beforeEachItem))
        }
        return reports
    }

    /// Checks and applies one bundle (see ``importBundles(from:beforeEachItem:)``).
    public func importBundle(at url: URL, beforeEachItem: @escaping @Sendable () throws -> Void = {}) async throws -> SyncImportReport {
        let name = url.lastPathComponent
        let groupId = try SyncBundle.manifest(at: url).manifest.groupId
        guard var pair = try await sync.pair(groupId: groupId) else { throw SyncError.otherGroup(file: name, groupId: groupId) }
        let bundle = try SyncBundle.verify(at: url, key: pair.key)
        let manifest = bundle.manifest
        guard manifest.groupId == pair.groupId else { throw SyncError.otherGroup(file: name, groupId: manifest.groupId) }
        if let peer = pair.peerServerId, peer != manifest.from {
            throw SyncError.otherPeer(file: name, expected: peer, found: manifest.from)
        }
        // What the other side has not confirmed is sent again (a bundle of ours may have been lost).
        pair.peerReceivedUpTo = max(pair.peerReceivedUpTo, manifest.ack)
        pair.sentUpTo = min(pair.sentUpTo, pair.peerReceivedUpTo)
        pair.lastExchangeAt = Date()
        if pair.peerServerId != nil, manifest.upTo <= pair.receivedUpTo {
            // Applied already: only what it says of our changes counts.
            try await sync.save(pair)
            return SyncImportReport(file: name, applied: false, items: bundle.payload.itemCount, applyReport: SyncApplyReport(),
                                    missedEarlier: false)
        }
        // A bundle after a lost one is applied too (every merge rule is idempotent and order-free),
        // but the mark stays: our next bundle says so, and the other side sends the gap again.
        let followsOn = manifest.since <= pair.receivedUpTo
        if followsOn { pair.receivedUpTo = manifest.upTo }
        pair.peerServerId = manifest.from

        try bundle.payload.check(file: name)
        try await checkPictures(bundle, file: name)
        // The bytes first, then the rows that name them.
        let published = try publishAudio(bundle)
        let publishedPictures: [String]
        do {
            publishedPictures = try publishPictures(bundle)
        } catch {
            try? await removeUnreferenced(published)
            throw error
        }
        var batch = SyncBatch(pair: pair)
        let payload = bundle.payload
        batch.groups = payload.groups.filter { $0.id == groupId }
        // A pair reaches only its group: a person held here who is not one of its members is
        // not edited from the bundle (a peer must not rename this server's admin).
        let members = Set(try await stores.people.members(of: groupId).map(\.id))
        for person in payload.people {
            if members.contains(person.id) { batch.people.append(person); continue }
            if try await stores.people.person(id: person.id) == nil { batch.people.append(person) }
        }
        batch.memberships = payload.memberships.filter { $0.groupId == groupId }
        batch.mentoringPairs = payload.mentoringPairs
        batch.consents = payload.consents
        batch.tombstones = payload.tombstones
        batch.deletions = payload.deletions
        var held: Set<String> = []
        for synced in payload.recordings {
            if bundle.audio[synced.recording.sha256] != nil || held.contains(synced.recording.sha256) { batch.recordings.append(synced); continue }
            if try stores.audio.open(sha256: synced.recording.sha256) != nil {
                held.insert(synced.recording.sha256)
                batch.recordings.append(synced)
            } else if try await stores.recordings.recording(id: synced.recording.id) != nil {
                batch.recordings.append(synced)  // held here already: its sharing may change
            }
        }
        batch.recordings = batch.recordings.filter { $0.recording.groupId == groupId }
        batch.sharings = payload.sharings
        batch.transcriptRevisions = payload.transcriptRevisions
        batch.attempts = payload.attempts
        // What names something this side may not read the same way is left out here, counted as skipped.
        var notMatched = 0
        for shipped in payload.shippedAttempts {
            guard let media = try await stores.scenarios.shippedMedia(path: shipped.path), media.sha256 == shipped.sha256 else {
                notMatched += 1
                continue
            }
            var attempt = shipped.attempt
            attempt.recordingId = media.recordingId
            batch.attempts.append(attempt)
        }
        let arrivingScenarios = Set(payload.scenarios.filter { $0.groupId == groupId }.map(\.slug))
        let scenarios = try await scenarioRecords(payload.stepsDone.map(\.step.slug))
        for done in payload.stepsDone {
            let record = scenarios[done.step.slug]
            let matches = if done.shipped { record?.seedFile != nil } else if let record { record.seedFile == nil && record.groupId == groupId }
                else { arrivingScenarios.contains(done.step.slug) }
            guard matches else { notMatched += 1; continue }
            batch.stepsDone.append(done.step)
        }
        batch.levelSettings = payload.levelSettings
        batch.scenarios = payload.scenarios.filter { $0.groupId == groupId }
        batch.scenarioRevisions = payload.scenarioRevisions
        batch.editClocks = payload.editClocks
        batch.pictures = payload.pictures
        for var label in payload.spokenLabels {
            // A take arrives only with its audio (in the bundle or here); one held here needs no row.
            if let take = label.recording, bundle.audio[take.sha256] == nil, try stores.audio.open(sha256: take.sha256) == nil {
                label.recording = nil
            }
            batch.spokenLabels.append(label)
        }
        let audio = stores.audio
        let peaks = stores.peaks
        let pictures = stores.pictures
        do {
            var applied = try await sync.apply(batch, rule: rule, beforeEachItem: beforeEachItem) { blob in
                switch blob {
                case .audio(let hash): try audio.remove(sha256: hash)
                case .peaks(let hash): try peaks.remove(sha256: hash)
                case .picture(let hash): try pictures.remove(sha256: hash)
                }
            }
            applied.skipped += notMatched
            try await removeUnreferenced(published)
            try await removeUnshown(publishedPictures)
            return SyncImportReport(file: name, applied: true, items: batch.itemCount, applyReport: applied, missedEarlier: !followsOn)
        } catch {
            try? await removeUnreferenced(published)
            try? await removeUnshown(publishedPictures)
            if let error = error as? StorageError, error.code == .conflict { throw SyncError.doesNotFit(file: name, reason: error.message) }
            throw error
        }
    }

    /// Bundle files at `path`: the file itself, or the folder's, by name.
    func bundleFiles(at path: URL) throws -> [URL] {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path.path, isDirectory: &isFolder) else { throw SyncError.noBundle(path: path.path) }
        guard isFolder.boolValue else { return [path] }
        let files = try FileManager.default.contentsOfDirectory(at: path, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == SyncBundle.fileExtension && !$0.lastPathComponent.hasPrefix(".") }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
        guard !files.isEmpty else { throw SyncError.noBundle(path: path.path) }
        return files
    }

    /// Publishes the bundle's audio this server does not hold yet; returns the hashes published.
    private func publishAudio(_ bundle: SyncBundle.Verified) throws -> [String] {
        var published: [String] = []
        do {
            for (hash, bytes) in bundle.audio.sorted(by: { $0.key < $1.key }) {
                guard try stores.audio.open(sha256: hash) == nil else { continue }
                let incoming = try stores.audio.beginWrite()
                do {
                    try bytes.withUnsafeBytes { try incoming.write($0) }
                    let finished = try incoming.finish()
                    guard finished.sha256 == hash else {
                        stores.audio.discard(finished)
                        throw SyncError.tampered(file: "audio/\(hash)", reason: "written bytes differ")
                    }
                    try stores.audio.publish(finished)
                    published.append(hash)
                } catch {
                    incoming.discard()
                    throw error
                }
            }
        } catch {
            for hash in published { try? stores.audio.remove(sha256: hash) }
            throw error
        }
        return published
    }

    /// Removes the published files no row names (recordings the batch left out, or a batch
    /// rolled back).
    private func removeUnreferenced(_ published: [String]) async throws {
        guard !published.isEmpty else { return }
        let referenced = try await stores.recordings.referencedHashes()
        for hash in published where !referenced.contains(hash) { try stores.audio.remove(sha256: hash) }
    }
}

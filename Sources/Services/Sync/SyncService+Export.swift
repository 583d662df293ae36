import Foundation
import Storage

extension SyncService {
    /// Writes a bundle of what the other side lacks into `directory`: this server's changes since
    /// the last bundle, leaving out what came from the other side, what is not the group's, and
    /// what its owner's consent keeps here.
    public func export(groupId: String, to directory: URL, now: Date = Date()) async throws -> SyncExportReport {
        var pair = try await pair(groupId: groupId)
        let me = try await sync.serverId()
        let (changes, lastSeq) = try await sync.changes(after: pair.sentUpTo, excludingOrigin: pair.peerServerId)
        let (payload, audio) = try await payload(for: changes, pair: pair)
        var files: [SyncBundle.Content] = [.bytes(Array(try SyncPayload.encoder.encode(payload)))]
        var manifestFiles = [SyncManifest.File(name: "items.json", size: files[0].size, sha256: sha256(files[0]))]
        var audioBytes = 0
        for hash in audio.sorted() {
            guard let reader = try stores.audio.open(sha256: hash) else { continue }
            files.append(.blob(reader))
            manifestFiles.append(SyncManifest.File(name: "audio/\(hash)", size: reader.size, sha256: hash))
            audioBytes += reader.size
        }
        for picture in payload.pictures {
            guard let reader = try stores.pictures.open(sha256: picture.sha256) else { continue }
            files.append(.blob(reader))
            manifestFiles.append(SyncManifest.File(name: "pictures/\(picture.sha256)", size: reader.size, sha256: picture.sha256))
        }
        let manifest = SyncManifest(groupId: groupId, from: me, since: pair.sentUpTo, upTo: lastSeq, ack: pair.receivedUpTo,
                                    createdAt: now.millisecondsSince1970, files: manifestFiles)
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw SyncError.cannotWrite(path: directory.path, reason: error.localizedDescription)
        }
        let url = directory.appendingPathComponent("\(groupId)-\(me.prefix(8))-\(pair.sentUpTo)-\(lastSeq).\(SyncBundle.fileExtension)")
        let bytes = try SyncBundle.write(manifest, files: files, key: pair.key, to: url)
        pair.sentUpTo = lastSeq
        pair.lastExchangeAt = now
        try await sync.save(pair)
        return SyncExportReport(file: url, bytes: bytes, items: payload.itemCount, recordings: payload.recordings.count, audioBytes: audioBytes)
    }

    /// The items of `changes` that may travel to the pair's other side, and the audio it needs.
    func payload(for changes: [SyncChange], pair: SyncPair) async throws -> (SyncPayload, Set<String>) {
        let groupId = pair.groupId
        var payload = SyncPayload()
        var audio: Set<String> = []
        let members = try await stores.people.members(of: groupId)
        let memberIds = Set(members.map(\.id))
        func ids(_ kind: SyncItemKind) -> [String] {
            var seen: Set<String> = []
            return changes.filter { $0.kind == kind && seen.insert($0.itemId).inserted }.map(\.itemId)
        }
        if ids(.group).contains(groupId), let group = try await stores.people.group(id: groupId) { payload.groups.append(group) }
        let changedPeople = Set(ids(.person))
        payload.people = members.filter { changedPeople.contains($0.id) }.map(Self.withoutSecrets)
        for item in ids(.membership) {
            let parts = item.split(separator: " ").map(String.init)
            guard parts.count == 2, parts[0] == groupId, memberIds.contains(parts[1]) else { continue }
            payload.memberships.append(Membership(groupId: parts[0], personId: parts[1], addedBy: nil))
            // A new member travels with their membership, even when their row changed long ago.
            if !changedPeople.contains(parts[1]), let person = members.first(where: { $0.id == parts[1] }) {
                payload.people.append(Self.withoutSecrets(person))
            }
        }
        for id in ids(.mentoringPair) {
            guard let pair = try await stores.people.mentoringPair(id: id),
                  memberIds.contains(pair.mentorId), memberIds.contains(pair.newcomerId) else { continue }
            payload.mentoringPairs.append(pair)
        }
        for recordingId in ids(.tombstone) {
            guard let tombstone = try await stores.recordings.tombstone(recordingId: recordingId) else { continue }
            guard tombstone.ownerId.map(memberIds.contains) ?? true else { continue }
            payload.tombstones.append(tombstone)
        }
        // Deletions (not withdrawals) of the group's recordings and transcripts: only ids and times.
        let deleted = Set(ids(.deletion))
        if !deleted.isEmpty { payload.deletions = try await sync.deletions(groupId: groupId).filter { deleted.contains($0.itemId) } }
        // Recordings whose row or consents changed travel whole (with everything about them);
        // attempts and revisions travel alone when their recording may be on the other side.
        let whole = Set(ids(.recording) + ids(.consent))
        var attempts: [Attempt] = []
        for id in ids(.attempt) {
            if let attempt = try await stores.progress.attempt(id: id), memberIds.contains(attempt.personId) { attempts.append(attempt) }
        }
        var revisions: [SyncTranscriptRevision] = []
        for id in ids(.transcriptRevision) {
            if let local = Int64(id), let revision = try await sync.transcriptRevision(localId: local) { revisions.append(revision) }
        }
        // Levels set by hand: their item ids start with their recording's id.
        let settingIds = ids(.levelSetting).compactMap { item -> (recordingId: String, id: String)? in
            let parts = item.split(separator: " ").map(String.init)
            return parts.count == 2 ? (parts[0], parts[1]) : nil
        }
        let mentioned = Array(whole.union(attempts.map(\.recordingId)).union(revisions.map(\.recordingId))
            .union(settingIds.map(\.recordingId))).sorted()
        var known: Set<String> = []
        if let peer = pair.peerServerId { known = try await sync.recordingsKnown(to: peer, among: mentioned) }
        var travelling: Set<String> = []
        for id in mentioned {
            guard let synced = try await sync.syncedRecording(id: id), synced.recording.groupId == groupId else { continue }
            let mayLeave = try await mayLeave(synced.recording, members: memberIds)
            if whole.contains(id), mayLeave {
                payload.recordings.append(synced)
                payload.consents += try await stores.recordings.consents(recordingId: id)
                payload.transcriptRevisions += try await sync.transcriptRevisions(recordingId: id)
                payload.attempts += try await sync.attempts(recordingId: id).filter { memberIds.contains($0.personId) }
                payload.levelSettings += try await sync.levelSettings(recordingIds: [id]).filter { memberIds.contains($0.personId) }
                if !known.contains(id) { audio.insert(synced.recording.sha256) }
                continue
            }
            let perhapsThere = known.contains(id) || synced.sharingChangedAt > 0
            if whole.contains(id), perhapsThere {
                // Narrowed: a copy may be on the other side; only the sharing goes.
                payload.sharings.append(synced.sharing)
            }
            if mayLeave || perhapsThere {
                // On the other side already, or perhaps (it was shared once): a side without the
                // recording leaves them out, and they go again with it if it is shared again.
                travelling.insert(id)
            }
        }
        payload.attempts += attempts.filter { travelling.contains($0.recordingId) }
        payload.shippedAttempts = try await shippedAttempts(attempts, groupId: groupId)
        payload.stepsDone = try await stepsDone(ids(.stepDone), answering: payload.recordings.map(\.recording.id), groupId: groupId,
                                                members: memberIds)
        payload.transcriptRevisions += revisions.filter { travelling.contains($0.recordingId) }
        let changedSettings = Set(settingIds.filter { travelling.contains($0.recordingId) }.map(\.id))
        if !changedSettings.isEmpty {
            payload.levelSettings += try await sync.levelSettings(recordingIds: Array(travelling).sorted())
                .filter { changedSettings.contains($0.id) && memberIds.contains($0.personId) }
        }
        try await addScenarios(changed: Set(ids(.scenario)), revisions: Set(ids(.scenarioRevision)), groupId: groupId, to: &payload)
        try await addSpokenLabels(ids(.spokenLabel), pair: pair, to: &payload, audio: &audio)
        payload.pictures = try await pictures(shownBy: payload)
        // Edits travel with the rows: the later edit wins on the other side.
        payload.editClocks = try await sync.editClocks(.group, ids: payload.groups.map(\.id))
            + sync.editClocks(.person, ids: payload.people.map(\.id)) + sync.editClocks(.recording, ids: payload.recordings.map(\.recording.id))
            + sync.editClocks(.scenario, ids: payload.scenarios.map(\.slug))
        return (payload, audio)
    }

    /// Of the attempts, those at audio shipped with the scenarios, named by the file; at a step of
    /// a scenario, only of a shipped one or the group's (another group's scenario stays here).
    func shippedAttempts(_ attempts: [Attempt], groupId: String) async throws -> [SyncShippedAttempt] {
        guard !attempts.isEmpty else { return [] }
        let shipped = try await sync.shippedMedia(recordingIds: Array(Set(attempts.map(\.recordingId))).sorted())
        let files = Dictionary(shipped.map { ($0.recordingId, $0) }, uniquingKeysWith: { first, _ in first })
        let atShipped = attempts.filter { files[$0.recordingId] != nil }
        let scenarios = try await scenarioRecords(atShipped.map(\.step).filter { !$0.isEmpty }.map(Self.slug(ofStep:)))
        return atShipped.compactMap { attempt in
            if !attempt.step.isEmpty {
                guard let record = scenarios[Self.slug(ofStep: attempt.step)], record.seedFile != nil || record.groupId == groupId else { return nil }
            }
            let file = files[attempt.recordingId]!
            return SyncShippedAttempt(attempt: attempt, path: file.path, sha256: file.sha256)
        }
    }

    /// The scenario of an attempt's step key (`slug/stepId`).
    static func slug(ofStep step: String) -> String {
        String(step.prefix { $0 != "/" })
    }

    /// The scenarios held here under these slugs, each looked up once.
    func scenarioRecords(_ slugs: [String]) async throws -> [String: ScenarioRecord] {
        var records: [String: ScenarioRecord] = [:]
        for slug in Set(slugs) {
            if let record = try await stores.scenarios.scenario(slug: slug) { records[slug] = record }
        }
        return records
    }

    /// The group's people's steps done without attempts, on the group's scenarios and shipped ones
    /// (another group's scenario stays here, as it does): those that changed, and those whose
    /// answer travels now (a step that went before its answer was shared arrived without it).
    func stepsDone(_ itemIds: [String], answering recordingIds: [String], groupId: String,
                   members: Set<String>) async throws -> [SyncStepDone] {
        guard !itemIds.isEmpty || !recordingIds.isEmpty else { return [] }
        var travelling: [SyncStepDone] = []
        var seen: Set<[String]> = []
        let steps = try await sync.stepsDone(itemIds: itemIds) + sync.stepsDone(answering: recordingIds)
        let scenarios = try await scenarioRecords(steps.map(\.slug))
        for step in steps where members.contains(step.personId) && seen.insert([step.personId, step.slug, step.stepId]).inserted {
            guard let record = scenarios[step.slug] else { continue }
            if record.seedFile != nil {
                travelling.append(SyncStepDone(step: step, shipped: true))
            } else if record.groupId == groupId {
                travelling.append(SyncStepDone(step: step, shipped: false))
            }
        }
        return travelling
    }

    /// The group's scenarios (not those shipped as files: each side reads its own): one whose row
    /// changed travels whole, with every revision (it may have just joined the group); otherwise
    /// only its new revisions.
    func addScenarios(changed: Set<String>, revisions: Set<String>, groupId: String, to payload: inout SyncPayload) async throws {
        guard !changed.isEmpty || !revisions.isEmpty else { return }
        // An admin sees every scenario (a viewer without a person would see only public ones).
        let all = try await stores.scenarios.scenarios(visibleTo: Viewer(personId: "", role: .admin))
        for (record, _) in all where record.groupId == groupId && record.seedFile == nil {
            let whole = changed.contains(record.slug)
            guard whole || !revisions.isEmpty else { continue }
            let held = try await sync.scenarioRevisions(slug: record.slug)
            if whole {
                payload.scenarios.append(record)
                payload.scenarioRevisions += held
            } else {
                payload.scenarioRevisions += held.filter { revisions.contains($0.syncId) }
            }
        }
    }

    /// Spoken labels travel on every pair (a camp's kiosks speak in the centre's trainers' voices,
    /// and a label recorded at the camp reaches the centre): where each stands here, a take with its
    /// row, and its audio unless it came from the other side. A take that is not public (its label
    /// is being changed) waits for the label's next change.
    func addSpokenLabels(_ itemIds: [String], pair: SyncPair, to payload: inout SyncPayload, audio: inout Set<String>) async throws {
        guard !itemIds.isEmpty else { return }
        let states = try await sync.syncedSpokenLabels(itemIds: itemIds)
        let takes = states.compactMap(\.recordingId)
        var known: Set<String> = []
        if let peer = pair.peerServerId, !takes.isEmpty { known = try await sync.recordingsKnown(to: peer, among: takes) }
        for var label in states {
            if let id = label.recordingId {
                guard let take = try await stores.recordings.recording(id: id), take.visibility == .public else { continue }
                label.recording = take
                if !known.contains(id) { audio.insert(take.sha256) }
            }
            payload.spokenLabels.append(label)
        }
    }

    /// The records of the photos the payload's people and group show whose files are here: they
    /// travel with the rows (a side may have removed one it once had).
    func pictures(shownBy payload: SyncPayload) async throws -> [Picture] {
        let hashes = Set(payload.people.compactMap(\.avatarPhoto) + payload.groups.compactMap(\.picturePhoto))
        var pictures: [Picture] = []
        for hash in hashes.sorted() {
            guard let picture = try await stores.photos.picture(sha256: hash), try stores.pictures.open(sha256: hash) != nil else { continue }
            pictures.append(picture)
        }
        return pictures
    }

    /// Consent travels first: a recording leaves only when its owner consented to the group (or
    /// wider) hearing it, or when it is private but shared with the owner's mentor, who is one of
    /// the group's people (so may be on the other side, where the pair travels too).
    func mayLeave(_ recording: Recording, members: Set<String>, now: Date = Date()) async throws -> Bool {
        guard recording.visibility > .private else {
            guard recording.sharedWithMentor, let owner = recording.ownerId else { return false }
            return try await stores.people.mentoringPairs(visibleTo: Viewer(personId: owner, role: .learner))
                .contains { $0.newcomerId == owner && $0.isActive(at: now) && members.contains($0.mentorId) }
        }
        guard let owner = recording.ownerId,
              let widest = try await stores.recordings.widestConsent(recordingId: recording.id, ownerId: owner) else { return false }
        return widest >= recording.visibility
    }

    /// Passwords and picture codes stay where they were set (a bundle is carried on a USB stick).
    static func withoutSecrets(_ person: Person) -> Person {
        var person = person
        person.passwordHash = nil
        person.pictureCodeHash = nil
        person.failedCodeAttempts = 0
        person.lockedUntil = nil
        return person
    }

    private func sha256(_ content: SyncBundle.Content) -> String {
        guard case .bytes(let bytes) = content else { return "" }
        return ContentHash.sha256(bytes)
    }
}

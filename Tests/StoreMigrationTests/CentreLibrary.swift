import EmbeddedStorage
import Exercises
import Foundation
import Services
import Storage
import TestSupport
import Transcripts

/// A centre's library in a media root of its own (SQLite file and folders), made through the
/// services and stores as the server makes it: people with passwords, a group, recordings with
/// peaks, transcripts in two revisions, consent, a photo, a token, attempts and progress.
struct CentreLibrary: Sendable {
    let root: URL
    let stores: Stores
    let rows: any PortableRowSource
    let trainer: Person
    let learner: Person
    let recordings: [Recording]
    let audio: [String: [UInt8]]
    let token: String
    /// A signed-in browser's session (any bytes, with a zero and a high byte).
    let sessionKey: String
    static let session = Data([0, 1, 2, 0xFF, 0x7F, 0x80])
    static let password = "a long password"

    /// A password hashing that costs nothing (bcrypt's cost is not what these tests are about).
    static let passwords = PasswordHashing(hash: { secret, cost in "hashed(\(cost)):\(secret)" },
                                           verify: { secret, hash in hash.hasSuffix(":\(secret)") })

    init(under parent: URL, recordings count: Int = 3) async throws {
        root = parent.appendingPathComponent("centre-\(UUID().uuidString)", isDirectory: true)
        _ = try EmbeddedStorage.open(root: root)
        (stores, rows) = try EmbeddedStorage.openExisting(root: root)
        let people = PeopleService(stores: stores, passwords: Self.passwords)
        let suffix = UUID().uuidString.prefix(6).lowercased()
        trainer = try await people.create(.init(name: "trainer-\(suffix)", role: .trainer, password: Self.password))
        learner = try await people.create(.init(name: "learner-\(suffix)", displayName: "Léa", role: .learner, languages: ["fr"]))
        let group = try await stores.people.insert(LearningGroup(name: "Aire des Saules"), members: [trainer.id, learner.id])
        let library = RecordingLibrary(stores: stores)
        var made: [Recording] = [], audio: [String: [UInt8]] = [:]
        let texts = ["Le petit déjeuner à l'école", "Une histoire de l'école du village", "Le marché du samedi"]
        for index in 0..<count {
            // Bytes of this library's own: two libraries never share a file.
            let bytes = Array(root.lastPathComponent.utf8) + (0..<(3_000 + index * 517)).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ index) }
            let blob = try Self.write(bytes, to: stores.audio)
            let peaks = try Self.write(Array("peaks \(index)".utf8), to: stores.peaks)
            var recording = Recording(id: ResourceID.generate(), title: "histoire \(index)", language: "fr", durationMs: 1_000 + index,
                                      sampleCount: 48_000, inputSampleRate: 48_000, inputChannels: 1, bitrate: 24_000,
                                      byteSize: blob.byteCount, sha256: blob.sha256, sourceFormat: "test",
                                      createdAt: Date(millisecondsSince1970: 1_700_000_000_000 + Int64(index)),
                                      ownerId: learner.id, groupId: group.id)
            recording.peaksSha256 = peaks.sha256
            recording.loudnessLUFS = -23.5 + Double(index) / 3
            let stored = try await library.add(recording, blob: blob, peaks: peaks)
            try await stores.recordings.insert(Consent(recordingId: stored.id, personId: learner.id, visibility: .public, method: .tap))
            _ = try await stores.recordings.setVisibility(id: stored.id, visibility: index == 0 ? .group : .public, sharedWithMentor: false)
            let text = texts[index % texts.count]
            _ = try await stores.transcripts.saveTranscript(Transcript(language: "fr", plainText: "brouillon"), recordingId: stored.id,
                                                            change: .text, authorId: trainer.id, expectedRevision: nil, now: Date())
            _ = try await stores.transcripts.saveTranscript(Transcript(language: "fr", plainText: text), recordingId: stored.id,
                                                            change: .text, authorId: trainer.id, expectedRevision: 1, now: Date())
            let attempt = Attempt(personId: learner.id, recordingId: stored.id, language: "fr", revision: 2, kind: .gapFill, segment: 0,
                                  level: .beginner, answer: AttemptAnswer(text: "école"), score: 80 + index, createdAt: Date())
            _ = try await stores.progress.record(attempt)
            made.append(stored)
            audio[stored.sha256] = bytes
        }
        recordings = made
        // A spoken name: the person row refers to a recording, which refers to the person.
        _ = try await stores.people.setNameRecording(personId: learner.id, recordingId: made[0].id)
        _ = try await SignInService(stores: stores, passwords: Self.passwords, limits: SignInLimits())
            .password(name: trainer.name, password: Self.password, from: .init(clientAddress: "127.0.0.1", kiosk: nil))
        self.audio = audio
        try await PhotoService(library: library).setPhoto(Self.png, for: .person(learner.id))
        token = try await TokenService(stores: stores).issue(for: trainer, name: "script").secret
        try await Self.fillEveryTable(stores, trainer: trainer, learner: learner, groupId: group.id, suffix: suffix)
        try await stores.sessions.setValue(Self.session, forKey: "session-\(suffix)", expiresAt: Date().addingTimeInterval(3_600))
        sessionKey = "session-\(suffix)"
    }

    static func write(_ bytes: [UInt8], to store: any BlobStore) throws -> FinishedBlob {
        let incoming = try store.beginWrite()
        try bytes.withUnsafeBytes { try incoming.write($0) }
        return try incoming.finish()
    }

    /// The smallest file `ImageFormat` takes as a PNG: the signature, an IHDR of 1×1, and IEND.
    static let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13] + Array("IHDR".utf8)
        + [0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0, 0x90, 0x77, 0x53, 0xDE] + [0, 0, 0, 0] + Array("IEND".utf8) + [0xAE, 0x42, 0x60, 0x82]
}

import Crypto
import Foundation
import Storage

/// Rows and files the suites start from, made through the protocols only.
enum Seed {
    static func person(_ stores: Stores, _ name: String, _ role: Role = .learner) async throws -> Person {
        try await stores.people.insertPerson(Person(name: name, displayName: name.capitalized, role: role))
    }

    static func group(_ stores: Stores, _ name: String, members: [Person] = [], openSignIn: Bool = false) async throws -> LearningGroup {
        try await stores.people.insert(LearningGroup(name: name, openSignIn: openSignIn), members: members.map(\.id))
    }

    /// A recording row whose "file" has the made-up hash `sha256` (nothing is published): for the
    /// behaviours of rows alone.
    static func row(sha256: String = fakeHash(), title: String = "t", owner: Person? = nil, group: LearningGroup? = nil,
                    visibility: Visibility = .private, sharedWithMentor: Bool = false, peaks: String? = nil,
                    createdAt: Date = Date()) -> Recording {
        var recording = Recording(id: ResourceID.generate(), title: title, language: "fr", durationMs: 1_000, sampleCount: 48_000,
                                  inputSampleRate: 48_000, inputChannels: 1, bitrate: 24_000, byteSize: 3, sha256: sha256,
                                  sourceFormat: "wav/pcm16", createdAt: createdAt, ownerId: owner?.id, groupId: group?.id,
                                  visibility: visibility, sharedWithMentor: sharedWithMentor)
        recording.peaksSha256 = peaks
        return recording
    }

    /// Inserts a row without publishing anything.
    @discardableResult
    static func insert(_ stores: Stores, _ recording: Recording) async throws -> Recording {
        try await stores.recordings.insert(recording, publishing: {}, unpublishing: { _ in })
    }

    /// A stored recording: its bytes published in the audio store and its row inserted, as an upload ends.
    static func recording(_ stores: Stores, bytes: [UInt8], title: String = "t", owner: Person? = nil, group: LearningGroup? = nil,
                          visibility: Visibility = .private) async throws -> Recording {
        let blob = try finished(stores.audio, bytes)
        var recording = row(sha256: blob.sha256, title: title, owner: owner, group: group, visibility: visibility)
        recording.byteSize = blob.byteCount
        return try await RecordingLibrary(stores: stores).add(recording, blob: blob)
    }

    /// Bytes written to a blob store and finished (durable, not yet published).
    static func finished(_ blobs: any BlobStore, _ bytes: [UInt8]) throws -> FinishedBlob {
        let incoming = try blobs.beginWrite()
        try bytes.withUnsafeBytes { try incoming.write($0) }
        return try incoming.finish()
    }

    /// A hash no file has: 64 lowercase hex digits.
    static func fakeHash() -> String {
        Secret.hash(ResourceID.generate())
    }

    /// The SHA-256 of the bytes in lowercase hex, as blob stores name them.
    static func hash(of bytes: [UInt8]) -> String {
        SHA256.hash(data: bytes).lowercaseHex
    }
}

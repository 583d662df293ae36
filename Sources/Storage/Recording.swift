import Foundation

/// One stored recording: its metadata row. The audio is an Ogg Opus file in the media store, named
/// by `sha256`.
public struct Recording: Codable, Sendable, Equatable, Identifiable {
    /// Insertion order; gives listings a stable newest-first order and paging cursors.
    public var seq: Int64?
    /// Random, URL-safe and not guessable (see `ResourceID`).
    public var id: String
    public var title: String
    /// BCP 47 language tag (`und` when unknown).
    public var language: String
    public var durationMs: Int
    /// Exact decoded length in 48 kHz samples.
    public var sampleCount: Int
    public var inputSampleRate: Int
    public var inputChannels: Int
    /// Target bitrate the audio was encoded at, in bits per second.
    public var bitrate: Int
    /// Size of the Opus file in bytes.
    public var byteSize: Int
    /// SHA-256 of the Opus file, lowercase hex: the file's name in the media store and its ETag.
    public var sha256: String
    /// What was uploaded, e.g. `wav/pcm16`.
    public var sourceFormat: String
    public var createdAt: Date
    /// Who recorded it (nil only for recordings made before people existed).
    public var ownerId: String?
    /// The group it belongs to, which `group` and `network` visibility refer to.
    public var groupId: String?
    public var visibility: Visibility
    /// Private, but the owner's active mentor may hear it too.
    public var sharedWithMentor: Bool
    /// Integrated loudness (BS.1770) and true peak of the audio as received, before normalisation.
    public var loudnessLUFS: Double?
    public var truePeakDBTP: Double?
    /// Gain written into the OpusHead to bring speech to the target loudness.
    public var gainDB: Double = 0
    /// Content hash of the waveform peaks file (BBC audiowaveform binary, 16-bit, base resolution).
    public var peaksSha256: String?
    /// A picture of the client's set chosen for it (a story's picture), by key.
    public var picture: String?
    public var purpose: RecordingPurpose = .story

    public init(
        id: String, title: String, language: String, durationMs: Int, sampleCount: Int,
        inputSampleRate: Int, inputChannels: Int, bitrate: Int, byteSize: Int, sha256: String,
        sourceFormat: String, createdAt: Date, ownerId: String? = nil, groupId: String? = nil,
        visibility: Visibility = .private, sharedWithMentor: Bool = false
    ) {
        self.id = id
        self.title = title
        self.language = language
        self.durationMs = durationMs
        self.sampleCount = sampleCount
        self.inputSampleRate = inputSampleRate
        self.inputChannels = inputChannels
        self.bitrate = bitrate
        self.byteSize = byteSize
        self.sha256 = sha256
        self.sourceFormat = sourceFormat
        self.ownerId = ownerId
        self.groupId = groupId
        self.visibility = visibility
        self.sharedWithMentor = sharedWithMentor
        // Stores keep milliseconds: drop the rest now so the value read back equals this one.
        self.createdAt = Date(millisecondsSince1970: createdAt.millisecondsSince1970)
    }
}


import Foundation
import Hummingbird
import Services
import Storage

/// A recording as the API shows it.
struct RecordingResponse: ResponseEncodable {
    let id: String
    let title: String
    let language: String
    let durationMs: Int
    let bitrate: Int
    let bytes: Int
    let sha256: String
    let sourceFormat: String
    let inputSampleRate: Int
    let inputChannels: Int
    let createdAt: String
    let audioUrl: String
    let wavUrl: String
    let ownerId: String?
    let groupId: String?
    let visibility: Visibility
    let sharedWithMentor: Bool
    /// Loudness (LUFS) and true peak (dBTP) as received, and the gain applied to reach the target.
    let loudnessLUFS: Double?
    let truePeakDBTP: Double?
    let gainDB: Double
    /// Every form the audio can be fetched in.
    let media: [String: String]
    /// Waveform peaks (BBC audiowaveform JSON and binary).
    let peaks: [String: String]?
    /// The picture chosen for it (a key of the client's set), if any.
    let picture: String?
    /// `story`, `practice` (an exercise's try, a scenario's answer) or `name`.
    let purpose: RecordingPurpose
    /// Whose voice it is, by picture (listings and reads only): a learner who cannot read tells a
    /// groupmate's story from their own, or from their trainer's, though both chose the same picture.
    let speaker: SpeakerResponse?

    init(_ recording: Recording, speaker: Speaker? = nil) {
        id = recording.id
        title = recording.title
        language = recording.language
        durationMs = recording.durationMs
        bitrate = recording.bitrate
        bytes = recording.byteSize
        sha256 = recording.sha256
        sourceFormat = recording.sourceFormat
        inputSampleRate = recording.inputSampleRate
        inputChannels = recording.inputChannels
        createdAt = ISO8601.string(recording.createdAt)
        audioUrl = MediaURL.opus(recording.id)
        wavUrl = MediaURL.wav(recording.id)
        ownerId = recording.ownerId
        groupId = recording.groupId
        visibility = recording.visibility
        sharedWithMentor = recording.sharedWithMentor
        loudnessLUFS = recording.loudnessLUFS
        truePeakDBTP = recording.truePeakDBTP
        gainDB = recording.gainDB
        media = MediaURL.all(recording.id)
        picture = recording.picture
        purpose = recording.purpose
        self.speaker = speaker.map(SpeakerResponse.init)
        peaks = recording.peaksSha256.map { _ in
            ["json": "/api/recordings/\(recording.id)/peaks.json", "dat": "/api/recordings/\(recording.id)/peaks.dat"]
        }
    }
}

/// The speaker of a recording: the people picture they chose and, when the caller may see it, their photo.
struct SpeakerResponse: ResponseEncodable {
    let personId: String
    let avatar: String?
    let avatarUrl: String?

    init(_ speaker: Speaker) {
        personId = speaker.personId
        avatar = speaker.avatar
        avatarUrl = speaker.showsPhoto ? "/api/people/\(speaker.personId)/avatar" : nil
    }
}

/// One page of recordings, newest first.
struct RecordingListResponse: ResponseEncodable {
    let recordings: [RecordingResponse]
    /// Pass as `cursor` to get the next page; absent on the last page.
    let nextCursor: String?
}

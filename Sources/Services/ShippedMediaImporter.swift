import AudioCodec
import Foundation
import ScenarioFormat
import Storage
import Transcripts

/// Makes the audio files a scenario names into public recordings without an owner, so that they
/// are served like any recording (ranges, WAV and CAF fallbacks, peaks) and exercises can be cut
/// from them. A file with a text gets that text as its transcript, timed automatically. A file is
/// imported again only when its bytes, text or language change.
public struct ShippedMediaImporter: Sendable {
    public let library: RecordingLibrary
    public let media: ScenarioMediaFolder
    public let settings: OpusEncoderSettings

    /// The recording the use names: a shipped file imported as needed, or a stored recording.
    ///
    /// - Throws: `ScenarioProblem` (at the use's line) when the file cannot be imported.
    public func recordingId(for use: ScenarioMediaUse) async throws -> String {
        guard case .file(let path) = use.media else {
            if case .recording(let id) = use.media { return id }
            throw ScenarioProblem(line: use.line, reason: "'\(use.field)' names no audio")
        }
        guard let url = media.url(of: path), let data = FileManager.default.contents(atPath: url.path) else {
            throw ScenarioProblem(line: use.line, reason: "'\(use.field)': no file \(path) in \(media.name)")
        }
        let sha256 = ContentHash.sha256(data)
        let stores = library.stores
        // A copy of someone's stored recording is theirs, not shipped content: it is named by id.
        if try await stores.recordings.isStoredRecording(sha256: sha256) {
            throw ScenarioProblem(line: use.line, reason: "'\(use.field)': \(path) is a copy of a stored recording: name that recording by its id")
        }
        let previous = try await stores.scenarios.shippedMedia(path: path)
        if let previous, previous.sha256 == sha256, previous.text == use.text, previous.language == use.language,
           try await stores.recordings.recording(id: previous.recordingId) != nil {
            return previous.recordingId
        }
        let recording: Recording
        do {
            recording = try await importAudio(data, title: url.deletingPathExtension().lastPathComponent, language: use.language)
            if let text = use.text {
                let transcript = Transcript(language: use.language ?? "und", plainText: text)
                _ = try await stores.transcripts.saveTranscript(transcript, recordingId: recording.id, change: .text, authorId: nil)
                let aligned = try await RecordingAlignment.aligned(transcript, recording: recording, library: library)
                _ = try await stores.transcripts.saveTranscript(aligned, recordingId: recording.id, change: .align, authorId: nil)
            }
        } catch let error as ServiceError {
            throw ScenarioProblem(line: use.line, reason: "'\(use.field)': \(path): \(error.message)")
        }
        try await stores.scenarios.saveShippedMedia(ShippedMedia(path: path, sha256: sha256, text: use.text, language: use.language,
                                                          recordingId: recording.id))
        if let previous, previous.recordingId != recording.id { _ = try await library.delete(id: previous.recordingId) }
        return recording.id
    }

    /// Stores the bytes as a public recording of nobody's.
    private func importAudio(_ data: Data, title: String, language: String?) async throws -> Recording {
        let ingest = try RecordingIngest(library: library, settings: settings, title: title, language: language, maxBytes: .max,
                                         ownerId: nil, groupId: nil)
        try data.withUnsafeBytes { try ingest.consume($0) }
        let recording = try await ingest.finish()
        return try await library.stores.recordings.setVisibility(id: recording.id, visibility: .public, sharedWithMentor: false) ?? recording
    }

    public init(library: RecordingLibrary, media: ScenarioMediaFolder, settings: OpusEncoderSettings) {
        self.library = library
        self.media = media
        self.settings = settings
    }
}

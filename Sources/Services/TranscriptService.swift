import Foundation
import Storage
import Transcripts

/// A recording's transcripts: reading files of any supported format in, checking them against
/// the recording, saving each change as a revision, timing them by hand or automatically, and
/// writing them out as subtitle and annotation files.
public struct TranscriptService: Sendable {
    let library: RecordingLibrary
    /// Where automatic alignment runs (nil: NIO's blocking-work pool, as at start-up).
    let work: HeavyWorkPool?

    public init(library: RecordingLibrary, work: HeavyWorkPool?) {
        self.library = library
        self.work = work
    }

    private var store: any TranscriptStore { library.stores.transcripts }

    /// The current revision of each language's transcript.
    public func transcripts(of recording: Recording) async throws -> [StoredTranscript] {
        try await store.transcripts(recordingId: recording.id)
    }

    /// Who changed the `language` transcript, when and how; `notFound` when there is none.
    public func revisions(of recording: Recording, language: String) async throws -> [TranscriptRevisionInfo] {
        let revisions = try await store.transcriptRevisions(recordingId: recording.id, language: language)
        guard !revisions.isEmpty else { throw ServiceError.notFound("\(language) transcript") }
        return revisions
    }

    /// Deletes the `language` transcript and all its revisions; `notFound` when there is none.
    public func delete(language: String, of recording: Recording) async throws {
        guard try await store.deleteTranscript(recordingId: recording.id, language: language) else {
            throw ServiceError.notFound("\(language) transcript")
        }
    }

    /// Phrases of the transcripts the viewer may hear that contain `query` (full-text search in the
    /// embedded store), best first.
    public func search(_ query: String, language: String?, visibleTo viewer: Viewer, limit: Int) async throws -> [TranscriptSearchHit] {
        try await store.searchTranscripts(query, language: language, visibleTo: viewer, limit: limit)
    }

    /// The current revision, or revision `revision`; `notFound` when there is none.
    public func transcript(of recording: Recording, language: String, revision: Int? = nil) async throws -> StoredTranscript {
        guard let stored = try await store.transcript(recordingId: recording.id, language: language, revision: revision) else {
            throw ServiceError.notFound(revision.map { "revision \($0) of the \(language) transcript" } ?? "\(language) transcript")
        }
        return stored
    }

    /// Reads `text` (plain text, our JSON, WebVTT, SRT, TextGrid or EAF, recognised from the
    /// content), checks its times against the recording and saves it as the next revision.
    public func importText(_ text: String, into recording: Recording, language: String, kind: TranscriptKind?, authorId: String?,
                           expectedRevision: Int?) async throws -> StoredTranscript {
        let format = TranscriptFormat.detect(text)
        var transcript: Transcript
        do {
            transcript = try format.parse(text, language: language, kind: kind ?? .transcription)
        } catch {
            throw ServiceError(.unreadable, "\(format.name): \(error.description)", code: "invalid_transcript")
        }
        transcript.language = language
        if let kind { transcript.kind = kind }
        do {
            try transcript.validate(recordingDurationMs: recording.durationMs)
        } catch {
            throw ServiceError(.unprocessable, error.description, code: "invalid_timings")
        }
        let change: TranscriptChange = format == .plainText || format == .json ? .text : .import
        return try await save(transcript, on: recording, change: change, authorId: authorId, expectedRevision: expectedRevision)
    }

    /// Applies a trainer's manual marks (taps while listening, or one boundary moved) as the
    /// next revision; the transcript keeps its invariants.
    public func editTimings(of recording: Recording, language: String, authorId: String?, expectedRevision: Int?,
                            _ edit: (inout Transcript) throws -> Void) async throws -> StoredTranscript {
        var transcript = try await transcript(of: recording, language: language).transcript
        do {
            try edit(&transcript)
        } catch let error as TimingEditError {
            throw ServiceError(.unprocessable, error.description, code: "invalid_timings")
        }
        return try await save(transcript, on: recording, change: .timings, authorId: authorId, expectedRevision: expectedRevision)
    }

    /// Times every phrase and word automatically as the next revision. A transcript with times a
    /// person set is only re-aligned with `overwrite`; a translation is never aligned.
    public func align(_ recording: Recording, language: String, overwrite: Bool, authorId: String?,
                      expectedRevision: Int?) async throws -> StoredTranscript {
        let stored = try await transcript(of: recording, language: language)
        if stored.transcript.hasManualTimings && !overwrite {
            throw ServiceError(.conflict, "the transcript has timings a person set; align with overwrite=true to replace them",
                               code: "manual_timings")
        }
        guard stored.transcript.kind == .transcription else {
            throw ServiceError(.unprocessable, "a translation's words are not the ones spoken: align the transcription, time the translation by hand",
                               code: "not_a_transcription")
        }
        let aligned = try await RecordingAlignment.aligned(stored.transcript, recording: recording, library: library, work: work)
        return try await save(aligned, on: recording, change: .align, authorId: authorId, expectedRevision: expectedRevision)
    }

    /// Saves the next revision; `revisionChanged` when someone saved since `expectedRevision`.
    public func save(_ transcript: Transcript, on recording: Recording, change: TranscriptChange, authorId: String?,
                     expectedRevision: Int?) async throws -> StoredTranscript {
        do {
            return try await store.saveTranscript(transcript, recordingId: recording.id, change: change, authorId: authorId,
                                                  expectedRevision: expectedRevision)
        } catch let error as StorageError where error.code == .conflict {
            throw ServiceError(.revisionChanged, "\(error.message): read it again and redo the change")
        }
    }

    /// The transcript as a file of `format`; `conflict` (`not_timed`) when the format needs times it lacks.
    public func render(_ stored: StoredTranscript, as format: TranscriptFormat, recording: Recording) throws -> String {
        do {
            return try format.render(stored.transcript, recordingDurationMs: recording.durationMs)
        } catch {
            throw ServiceError(.conflict, error.description, code: "not_timed")
        }
    }
}

extension TranscriptFormat {
    /// The format's name, as error messages say it.
    public var name: String {
        switch self {
        case .plainText: "plain text"
        case .json: "JSON"
        case .webVTT: "WebVTT"
        case .srt: "SRT"
        case .textGrid: "TextGrid"
        case .eaf: "ELAN EAF"
        }
    }
}

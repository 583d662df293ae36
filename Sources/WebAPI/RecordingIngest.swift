import AudioCodec
import Foundation
import Storage

/// One recording coming in: bytes are checked (format sniffed from the bytes themselves, size
/// limit), encoded to Ogg Opus and written to a temporary blob as they arrive; `finish` makes it
/// durable and stored. Used by the upload route and by `parlons import`. Abandoned before
/// `finish`, it leaves nothing behind.
public final class RecordingIngest {
    private let library: RecordingLibrary
    private let settings: OpusEncoderSettings
    private let title: String
    private let language: String
    private let maxBytes: Int
    private let ownerId: String?
    private let groupId: String?
    private let incoming: IncomingBlob
    private let transcoder: WAVToOggOpusTranscoder
    /// The first bytes, held until there are enough to recognise the format.
    private var head: [UInt8]? = []
    public private(set) var bytesReceived = 0

    /// - Throws: `APIError` (422) for an invalid title or language.
    /// - Parameters:
    ///   - ownerId: who recorded it; `groupId`: the group its `group`/`network` visibility refers to.
    public init(library: RecordingLibrary, settings: OpusEncoderSettings, title: String?, language: String?, maxBytes: Int,
                ownerId: String?, groupId: String?) throws {
        self.library = library
        self.ownerId = ownerId
        self.groupId = groupId
        self.settings = settings
        self.title = try title.map { try FieldValidation.title($0) } ?? ""
        self.language = try language.map { try FieldValidation.language($0) } ?? "und"
        self.maxBytes = maxBytes
        let incoming = try library.blobs.beginWrite()
        self.incoming = incoming
        transcoder = WAVToOggOpusTranscoder(
            settings: settings,
            title: self.title.isEmpty ? nil : self.title,
            language: self.language == "und" ? nil : self.language
        ) { try incoming.write($0) }
    }

    /// Takes the next bytes of the upload.
    public func consume(_ bytes: UnsafeRawBufferPointer) throws {
        bytesReceived += bytes.count
        if bytesReceived > maxBytes { throw Self.tooLarge(maxBytes) }
        do {
            if var pending = head {
                pending += bytes
                guard pending.count >= AudioContainer.sniffLength else { head = pending; return }
                head = nil
                try Self.requireWAV(pending)
                try pending.withUnsafeBytes { try transcoder.consume($0) }
            } else {
                try transcoder.consume(bytes)
            }
        } catch let error as WAVError {
            throw APIError(.badRequest, code: "invalid_audio", message: error.description)
        }
    }

    /// Ends the upload: on return the Opus file is fsynced and the row committed.
    public func finish() async throws -> Recording {
        let result: WAVToOggOpusTranscoder.Result
        do {
            if let pending = head {
                guard !pending.isEmpty else { throw APIError(.badRequest, code: "empty_body", message: "the request has no audio in its body") }
                try Self.requireWAV(pending)
                try pending.withUnsafeBytes { try transcoder.consume($0) }
            }
            result = try transcoder.finish()
        } catch let error as WAVError {
            throw APIError(.badRequest, code: "invalid_audio", message: error.description)
        }
        let blob = try incoming.finish()
        let recording = Recording(
            id: ResourceID.generate(), title: title, language: language,
            durationMs: result.encoding.durationMs, sampleCount: result.encoding.sampleCount48k,
            inputSampleRate: result.format.sampleRate, inputChannels: result.format.channels,
            bitrate: settings.bitrate, byteSize: blob.byteCount, sha256: blob.sha256,
            sourceFormat: result.format.sourceFormatName, createdAt: Date(), ownerId: ownerId, groupId: groupId
        )
        do {
            return try await library.add(recording, blob: blob)
        } catch {
            library.blobs.discard(blob)
            throw error
        }
    }

    static func tooLarge(_ limit: Int) -> APIError {
        APIError(.contentTooLarge, code: "payload_too_large",
                 message: "the upload is larger than the limit of \(limit) bytes", headers: [.connection: "close"])
    }

    /// Only WAV is taken for now; anything else is named in the refusal.
    static func requireWAV(_ head: [UInt8]) throws {
        let container = AudioContainer.sniff(head)
        switch container {
        case .wav:
            return
        case .unknown:
            throw APIError(.unsupportedMediaType, code: "unsupported_media_type", message: "unrecognised audio format: send WAV (RIFF/WAVE)")
        default:
            throw APIError(.unsupportedMediaType, code: "unsupported_media_type",
                           message: "\(container.displayName) uploads are not accepted: send WAV (RIFF/WAVE)")
        }
    }
}

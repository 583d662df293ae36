import AudioCodec
import Foundation
import NIOCore
import NIOPosix
import Storage

/// One recording coming in: the format is recognised from the bytes themselves (WAV is encoded,
/// Ogg Opus and WebM Opus are re-muxed without re-encoding, WebM PCM is encoded), the size limit is
/// enforced, and the Ogg Opus stream is written to a temporary blob as the bytes arrive; `finish`
/// makes it durable and stored. Used by the upload route and by `parlons import`. Abandoned before
/// `finish`, it leaves nothing behind.
///
/// On the server an ingest holds a place in the ``HeavyWorkPool`` from its creation until it is
/// stored or given up, and its encoding runs on the pool's threads; without a pool (the command
/// line, start-up imports) it runs on the caller's.
public final class RecordingIngest {
    private let library: RecordingLibrary
    private let settings: OpusEncoderSettings
    private let title: String
    private let language: String
    private let maxBytes: Int
    private let ownerId: String?
    private let groupId: String?
    private let incoming: IncomingBlob
    /// The place in the heavy-work pool; nil runs the work on the caller's thread.
    private let admission: HeavyWorkAdmission?
    private var measurement = IngestMeasurement()
    /// Speech is brought to this loudness (LUFS) through the OpusHead output gain; nil leaves it as is.
    private let loudnessTarget: Double?
    private var ingestor: (any OggOpusIngestor)?
    /// The first bytes, held until there are enough to recognise the format.
    private var head: [UInt8] = []
    public private(set) var bytesReceived = 0
    /// A picture of the client's set for the recording (a story's), by key; checked by the caller.
    public var picture: String?
    /// What the recording is for (a learner's story by default).
    public var purpose: RecordingPurpose = .story

    /// - Parameters:
    ///   - ownerId: who recorded it; `groupId`: the group its `group`/`network` visibility refers to.
    /// - Throws: `ServiceError` (invalidField) for an invalid title or language.
    public convenience init(library: RecordingLibrary, settings: OpusEncoderSettings, title: String?, language: String?, maxBytes: Int,
                            ownerId: String?, groupId: String?, loudnessTarget: Double? = LoudnessNormalization.defaultTarget) throws {
        try self.init(library: library, settings: settings, title: title, language: language, maxBytes: maxBytes, ownerId: ownerId,
                      groupId: groupId, loudnessTarget: loudnessTarget, work: nil)
    }

    /// An ingest whose encoding runs on `work`'s threads, admitted before anything is written.
    ///
    /// - Throws: `ServiceError` (invalidField) for an invalid title or language, `503 server_busy` when the
    ///   pool has no place left (nothing is written then).
    public init(library: RecordingLibrary, settings: OpusEncoderSettings, title: String?, language: String?, maxBytes: Int,
         ownerId: String?, groupId: String?, loudnessTarget: Double? = LoudnessNormalization.defaultTarget, work: HeavyWorkPool?) throws {
        self.library = library
        self.loudnessTarget = loudnessTarget
        self.settings = settings
        self.title = try title.map { try FieldValidation.title($0) } ?? ""
        self.language = try language.map { try FieldValidation.language($0) } ?? "und"
        self.maxBytes = maxBytes
        self.ownerId = ownerId
        self.groupId = groupId
        admission = try work?.admit()
        do {
            incoming = try library.blobs.beginWrite()
        } catch {
            admission?.release()
            throw error
        }
    }

    /// Takes the next bytes of the upload. After an error the ingest is over and its file gone.
    public func consume(_ bytes: UnsafeRawBufferPointer) throws {
        do {
            bytesReceived += bytes.count
            if bytesReceived > maxBytes { throw Self.tooLarge(maxBytes) }
            try Self.mapAudioErrors {
                if let ingestor {
                    try ingestor.consume(bytes)
                } else {
                    head += bytes
                    if head.count >= AudioContainer.sniffLength { try start() }
                }
            }
        } catch {
            abandon()
            throw error
        }
    }

    /// Deletes the temporary file now, for an upload given up before `finish` (a body cut short, a
    /// refusal): not left to `deinit`, which may run only after the error has been answered.
    public func abandon() {
        incoming.discard()
        // Its scratch copy (FFmpeg's input, a chained Ogg's) goes with it.
        ingestor = nil
        admission?.release()
    }

    /// Ends the upload: on return the Opus file is fsynced and the row committed; on an error
    /// nothing of it is left.
    public func finish(uploadKey: UploadKey? = nil) async throws -> Recording {
        defer { admission?.release() }
        do {
            return try await store(uploadKey: uploadKey)
        } catch {
            abandon()
            throw error
        }
    }

    /// What the end of the audio pipeline leaves: the recording's row, not yet committed, and its files.
    private struct FinishedFiles: Sendable {
        let recording: Recording
        let audio: FinishedBlob
        let peaks: FinishedBlob
    }

    private func store(uploadKey: UploadKey?) async throws -> Recording {
        // The end of an upload can be long (FFmpeg decodes a whole MP3 there; the file is hashed
        // again and fsynced): it runs on the heavy-work pool, or NIO's blocking-work pool without
        // one, never on one of the few threads every request shares.
        let transfer = Transfer(ingest: self)
        let files = try await onWorkThread { try transfer.ingest.finishFiles() }
        do {
            return try await library.add(files.recording, blob: files.audio, peaks: files.peaks, uploadKey: uploadKey)
        } catch {
            library.blobs.discard(files.audio)
            library.peaks.discard(files.peaks)
            throw error
        }
    }

    /// Runs `body` on the heavy-work pool, or without one on NIO's blocking-work pool. The ingest
    /// is used by one task only, which waits for the work, so handing it over is safe.
    private func onWorkThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        if let admission { return try await admission.run(body) }
        return try await NIOThreadPool.singleton.runIfActive(body)
    }

    /// Feeds a batch of the body's bytes to the pipeline, on the heavy-work pool's threads when
    /// there is one.
    public func consume(_ buffers: [ByteBuffer]) async throws {
        guard admission != nil else {
            for buffer in buffers { try buffer.withUnsafeReadableBytes { try consume($0) } }
            return
        }
        let transfer = Transfer(ingest: self)
        try await onWorkThread {
            for buffer in buffers { try buffer.withUnsafeReadableBytes { try transfer.ingest.consume($0) } }
        }
    }

    /// The audio pipeline ended, the loudness gain written into the OpusHead, the files finished
    /// (hashed, fsynced, in place) and the row made.
    private func finishFiles() throws -> FinishedFiles {
        let result = try finishAudio()
        let loudness = measurement.meter.integratedLoudness, truePeak = measurement.meter.truePeak
        let gain = loudnessTarget.map { LoudnessNormalization.gain(integrated: loudness, truePeak: truePeak, target: $0) } ?? 0
        if gain != 0 {
            // Normalise without re-encoding: the decoder applies the OpusHead's output gain.
            let total = Int16(clamping: Int(measurement.currentGain) + Int(LoudnessNormalization.q78(gain)))
            try incoming.overwrite(at: 0, with: try OpusHeadPage.withOutputGain(total, page: measurement.firstPage))
        }
        let blob = try incoming.finish()
        let peaksBlob: FinishedBlob
        do {
            peaksBlob = try writePeaks(measurement.peaks.finish(gain: pow(10, gain / 20)))
        } catch {
            // A full disk may refuse the peaks after the audio: the finished audio goes too.
            library.blobs.discard(blob)
            throw error
        }
        var recording = Recording(
            id: ResourceID.generate(), title: title, language: language,
            durationMs: result.encoding.durationMs, sampleCount: result.encoding.sampleCount48k,
            inputSampleRate: result.inputSampleRate, inputChannels: result.inputChannels,
            bitrate: settings.bitrate, byteSize: blob.byteCount, sha256: blob.sha256,
            sourceFormat: result.sourceFormat, createdAt: Date(), ownerId: ownerId, groupId: groupId
        )
        recording.loudnessLUFS = loudness.map { ($0 * 100).rounded() / 100 }
        recording.truePeakDBTP = truePeak.isFinite ? (truePeak * 100).rounded() / 100 : nil
        recording.gainDB = gain
        recording.peaksSha256 = peaksBlob.sha256
        recording.picture = picture
        recording.purpose = purpose
        return FinishedFiles(recording: recording, audio: blob, peaks: peaksBlob)
    }

    /// Ends the audio pipeline: the last pages written, the loudness measured.
    private func finishAudio() throws -> IngestResult {
        try Self.mapAudioErrors { () throws -> IngestResult in
            if ingestor == nil {
                guard !head.isEmpty else { throw ServiceError(.emptyBody, "the request has no audio in its body") }
                try start()
            }
            let result = try ingestor!.finish()
            try measurement.finish()
            return result
        }
    }

    /// Carries the ingest to the thread pool and back; only one task ever uses it at a time.
    private struct Transfer: @unchecked Sendable {
        let ingest: RecordingIngest
    }

    /// Stores the waveform peaks (16-bit, base resolution) beside the audio.
    private func writePeaks(_ peaks: WaveformPeaks) throws -> FinishedBlob {
        let file = try library.peaks.beginWrite()
        try peaks.binary(bits: 16).withUnsafeBytes { try file.write($0) }
        return try file.finish()
    }

    /// Recognises the format from the first bytes and starts the matching pipeline.
    private func start() throws {
        let container = AudioContainer.sniff(head)
        guard let ingestor = try OggOpusIngest.make(
            for: container, settings: settings, title: title.isEmpty ? nil : title,
            language: language == "und" ? nil : language, scratchDirectory: library.blobs.scratchDirectory,
            output: { [unowned self] bytes in
                try incoming.write(bytes)
                try measurement.consume(bytes)
            },
            restart: { [unowned self] in
                try incoming.restart()
                measurement = IngestMeasurement()
            }
        ) else {
            let what = container == .unknown ? "unrecognised audio format" : "\(container.displayName) uploads are not accepted yet"
            throw ServiceError(.unsupportedMediaType, "\(what): send WAV, Ogg Opus, WebM, MP4, MP3 or FLAC")
        }
        self.ingestor = ingestor
        let bytes = head
        head = []
        try bytes.withUnsafeBytes { try ingestor.consume($0) }
    }

    /// Audio that cannot be read is the client's problem (400), a kind we do not take is 415.
    public static func mapAudioErrors<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as WAVError {
            throw ServiceError(.invalidAudio, error.description)
        } catch let error as OggOpusError {
            if case .unsupportedChannelMapping = error {
                throw ServiceError(.unsupportedMediaType, error.description)
            }
            throw ServiceError(.invalidAudio, error.description)
        } catch let error as OpusError where error.operation.hasPrefix("opus_decode") {
            throw ServiceError(.invalidAudio, "an Opus packet does not decode: \(error.message)")
        } catch let error as FFmpegError {
            switch error {
            case .unavailable, .noAudioStream, .unsupportedCodec:
                throw ServiceError(.unsupportedMediaType, error.description)
            case .undecodable, .timedOut:
                throw ServiceError(.invalidAudio, error.description)
            }
        } catch let error as ScratchFileError {
            throw StorageError.system(error.operation, path: error.path, errno: error.errno)
        } catch let error as MP4Error {
            switch error {
            case .noAudioTrack, .unsupportedCodec:
                throw ServiceError(.unsupportedMediaType, error.description)
            default:
                throw ServiceError(.invalidAudio, error.description)
            }
        } catch let error as WebMError {
            switch error {
            case .noAudioTrack, .unsupportedCodec, .unsupportedDocType:
                throw ServiceError(.unsupportedMediaType, error.description)
            default:
                throw ServiceError(.invalidAudio, error.description)
            }
        }
    }

    public static func tooLarge(_ limit: Int) -> ServiceError {
        ServiceError(.tooLarge, "the upload is larger than the limit of \(limit) bytes")
    }
}

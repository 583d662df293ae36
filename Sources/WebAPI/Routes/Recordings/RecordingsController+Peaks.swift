import AudioCodec
import Foundation
import Hummingbird
import Storage

extension RecordingsController {
    /// `GET /api/recordings/{id}/peaks.json` and `.dat`: waveform peaks in the BBC audiowaveform
    /// format (version 2), 8-bit unless `bits=16`, at 100 pixels a second unless `pixelsPerSecond`
    /// or `samplesPerPixel` asks for fewer. Read, rescaled and written out on the heavy-work pool
    /// (a long recording's JSON is a few hundred thousand numbers).
    @Sendable func peaksJSON(request: Request, context: ParlonsRequestContext) async throws -> Response {
        try await peaks(request: request, context: context) { peaks, bits, recording in
            let body = AudiowaveformJSON(channels: 1, sample_rate: peaks.sampleRate, samples_per_pixel: peaks.samplesPerPixel,
                                         bits: bits, length: peaks.length, data: peaks.values(bits: bits))
            let response = try body.response(from: request, context: context)
            var headers = response.headers
            headers[.cacheControl] = MediaController.caching(recording)
            return Response(status: .ok, headers: headers, body: response.body)
        }
    }

    @Sendable func peaksBinary(request: Request, context: ParlonsRequestContext) async throws -> Response {
        try await peaks(request: request, context: context) { peaks, bits, recording in
            Response(status: .ok, headers: [.contentType: "application/octet-stream", .cacheControl: MediaController.caching(recording)],
                     body: .init(byteBuffer: ByteBuffer(bytes: peaks.binary(bits: bits))))
        }
    }

    /// One pixel a minute: the coarsest peaks served.
    static let coarsestSamplesPerPixel = 48_000 * 60

    /// The stored peaks at the resolution and depth asked for, made into an answer by `render`.
    private func peaks(request: Request, context: ParlonsRequestContext,
                       render: @escaping @Sendable (WaveformPeaks, Int, Recording) throws -> Response) async throws -> Response {
        let recording = try await existing(context)
        guard let sha = recording.peaksSha256 else { throw APIError.notFound("peaks of recording \(recording.id)") }
        let query = request.uri.queryParameters
        let pixelsPerSecond = try query["pixelsPerSecond"].map { raw in
            guard let pps = Double(raw), pps > 0, pps <= 100 else {
                throw APIError.invalidParameter("pixelsPerSecond", "a number above 0, at most 100")
            }
            return pps
        }
        let askedSamplesPerPixel = query["samplesPerPixel"].map { Int($0) }
        // `bits=null` is refused like `bits=12`, never taken for the default.
        let bits = try query["bits"].map { raw in
            guard let value = Int(raw), value == 8 || value == 16 else { throw APIError.invalidParameter("bits", "8 or 16") }
            return value
        } ?? 8
        let peaks = library.peaks
        let admission = try work.admit()
        defer { admission.release() }
        return try await admission.run {
            guard let reader = try peaks.open(sha256: sha) else { throw APIError.notFound("peaks of recording \(recording.id)") }
            let stored = try WaveformPeaks(binary: try reader.readAll())
            var samplesPerPixel = stored.samplesPerPixel
            if let pixelsPerSecond {
                // A tiny rate gives the coarsest resolution, never an infinite one (which would trap).
                let wanted = min(Double(stored.sampleRate) / pixelsPerSecond, Double(Self.coarsestSamplesPerPixel))
                samplesPerPixel = max(stored.samplesPerPixel, Int(wanted.rounded()))
            } else if let askedSamplesPerPixel {
                guard let spp = askedSamplesPerPixel, spp >= stored.samplesPerPixel, spp <= Self.coarsestSamplesPerPixel else {
                    throw APIError.invalidParameter("samplesPerPixel", "a whole number from \(stored.samplesPerPixel)")
                }
                samplesPerPixel = spp
            }
            return try render(stored.rescaled(samplesPerPixel: samplesPerPixel, totalSamples: recording.sampleCount), bits, recording)
        }
    }
}

/// The audiowaveform JSON layout (its field names, snake case, as the tools expect).
struct AudiowaveformJSON: ResponseEncodable {
    var version = 2
    let channels: Int
    let sample_rate: Int
    let samples_per_pixel: Int
    let bits: Int
    let length: Int
    let data: [Int]
}

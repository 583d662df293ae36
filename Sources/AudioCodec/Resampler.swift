import CSoxr

/// A failure reported by libsoxr.
public struct ResamplerError: Error, Equatable, CustomStringConvertible {
    public let message: String
    public var description: String { "resampler: \(message)" }
}

/// Mono float resampling with libsoxr at its high-quality setting.
///
/// Owns the `soxr_t`; it is deleted with the object. Streaming: `process` as samples arrive, then
/// `flush` once to drain the filter's tail.
public final class Resampler {
    private let soxr: soxr_t
    public let inputRate: Int
    public let outputRate: Int
    private var output: [Float] = []

    public init(inputRate: Int, outputRate: Int) throws(ResamplerError) {
        var error: soxr_error_t?
        var io = soxr_io_spec(SOXR_FLOAT32_I, SOXR_FLOAT32_I)
        var quality = soxr_quality_spec(UInt(SOXR_HQ), 0)
        guard let soxr = soxr_create(Double(inputRate), Double(outputRate), 1, &error, &io, &quality, nil), error == nil else {
            throw ResamplerError(message: error.map { String(cString: $0) } ?? "soxr_create failed")
        }
        self.soxr = soxr
        self.inputRate = inputRate
        self.outputRate = outputRate
    }

    deinit { soxr_delete(soxr) }

    /// Resamples `input` and hands whatever output is ready to `body` (possibly nothing).
    public func process(_ input: UnsafeBufferPointer<Float>, _ body: (UnsafeBufferPointer<Float>) throws -> Void) throws {
        var offset = 0
        let capacity = input.count * outputRate / inputRate + 256
        if output.count < capacity { output = [Float](repeating: 0, count: capacity) }
        while offset < input.count {
            var consumed = 0
            var produced = 0
            let error = output.withUnsafeMutableBufferPointer { out in
                soxr_process(
                    soxr, input.baseAddress! + offset, input.count - offset, &consumed,
                    out.baseAddress, out.count, &produced
                )
            }
            if let error { throw ResamplerError(message: String(cString: error)) }
            offset += consumed
            if produced > 0 { try output.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[0..<produced])) } }
            if consumed == 0 && produced == 0 { break }
        }
    }

    /// Drains the samples still inside the filter once the input has ended.
    public func flush(_ body: (UnsafeBufferPointer<Float>) throws -> Void) throws {
        if output.count < 4096 { output = [Float](repeating: 0, count: 4096) }
        while true {
            var produced = 0
            let error = output.withUnsafeMutableBufferPointer { out in
                soxr_process(soxr, nil, 0, nil, out.baseAddress, out.count, &produced)
            }
            if let error { throw ResamplerError(message: String(cString: error)) }
            if produced == 0 { return }
            try output.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[0..<produced])) }
        }
    }
}

import COpus

/// A failure reported by libopus, with the library's own code and message.
public struct OpusError: Error, Equatable, CustomStringConvertible {
    /// The negative error code libopus returned (`OPUS_BAD_ARG`, `OPUS_INVALID_PACKET`, …).
    public let code: Int32
    /// libopus's text for the code (`opus_strerror`).
    public let message: String
    /// What Parlons was doing when libopus failed.
    public let operation: String

    public init(code: Int32, operation: String) {
        self.code = code
        self.message = String(cString: opus_strerror(code))
        self.operation = operation
    }

    public var description: String { "\(operation) failed: \(message) (libopus code \(code))" }

    /// Throws an `OpusError` when a libopus call returned a negative code.
    @inline(__always)
    static func check(_ code: Int32, _ operation: @autoclosure () -> String) throws {
        if code < 0 { throw OpusError(code: code, operation: operation()) }
    }
}

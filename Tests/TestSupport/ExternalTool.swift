import Foundation

/// Runs the reference tools the tests compare against (espeak-ng, sox, opusinfo). A missing tool
/// fails the test: the README's test command installs them.
public enum ExternalTool {
    public struct Output: Sendable {
        public let status: Int32
        public let stdout: String
        public let stderr: String
    }

    public enum Failure: Error, CustomStringConvertible {
        case notInstalled(String)
        case failed(String, Output)
        public var description: String {
            switch self {
            case .notInstalled(let tool): "\(tool) is not installed (run the README's test command, which installs it)"
            case .failed(let tool, let output): "\(tool) exited \(output.status): \(output.stderr)"
            }
        }
    }

    /// Runs `tool` with `arguments` (and `environment` added to this process's), returning its
    /// output; throws if it cannot start.
    @discardableResult
    public static func run(_ tool: String, _ arguments: [String], requireSuccess: Bool = true,
                           environment: [String: String] = [:]) throws -> Output {
        guard let path = locate(tool) else { throw Failure.notInstalled(tool) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        if !environment.isEmpty { process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let output = Output(
            status: process.terminationStatus,
            stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self)
        )
        if requireSuccess && output.status != 0 { throw Failure.failed(tool, output) }
        return output
    }

    /// ``run(_:_:requireSuccess:environment:)`` for async code (Swift picks it there), on a thread
    /// of its own: waiting for a tool (seconds for `migrate-store` or `initdb`) must not hold one of
    /// the few threads async tests share.
    @discardableResult
    public static func run(_ tool: String, _ arguments: [String], requireSuccess: Bool = true,
                           environment: [String: String] = [:]) async throws -> Output {
        try await onOwnThread { try run(tool, arguments, requireSuccess: requireSuccess, environment: environment) }
    }

    static func locate(_ tool: String) -> String? {
        if tool.contains("/") { return FileManager.default.isExecutableFile(atPath: tool) ? tool : nil }
        let paths = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        return paths.map { "\($0)/\(tool)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// A fresh temporary directory, removed by the caller.
    public static func temporaryDirectory(_ label: String = "parlons-test") throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// A spoken sentence from espeak-ng as a WAV file (22 050 Hz mono 16-bit), read back as bytes.
    public static func speechWAV(_ text: String = "Bonjour. Je m'appelle Amina, j'habite à Lyon depuis un an.", voice: String = "fr") throws -> [UInt8] {
        let directory = try temporaryDirectory("parlons-speech")
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("speech.wav")
        try run("espeak-ng", ["-v", voice, "-w", file.path, text])
        return [UInt8](try Data(contentsOf: file))
    }
}

import CSpawn
import Foundation

/// Runs one FFmpeg tool to its end: its standard output is handed out as it comes, its standard
/// error goes to a file (a pipe nobody drains could fill and stall it) and becomes the error
/// message when it fails, and it is killed if it outlives its time.
enum FFmpegProcess {
    static func run(tool: String, arguments: [String], timeoutSeconds: Int, output: (UnsafeRawBufferPointer) throws -> Void) throws {
        guard let executable = locate(tool) else { throw FFmpegError.unavailable(tool) }
        let errorLog = FileManager.default.temporaryDirectory.appendingPathComponent("parlons-\(tool)-\(UUID().uuidString).log")
        guard FileManager.default.createFile(atPath: errorLog.path, contents: nil),
              let errorHandle = FileHandle(forWritingAtPath: errorLog.path) else { throw FFmpegError.unavailable("a log file for \(tool)") }
        defer {
            try? errorHandle.close()
            try? FileManager.default.removeItem(at: errorLog)
        }
        let stdout: (reader: FileHandle, writer: FileHandle)
        do { stdout = try outputPipe() } catch { throw FFmpegError.unavailable("a pipe for \(tool) (\(error))") }
        let process: SpawnedProcess
        do {
            process = try SpawnedProcess(executable: executable, arguments: arguments, stdout: stdout.writer.fileDescriptor,
                                         stderr: errorHandle.fileDescriptor)
        } catch {
            throw FFmpegError.unavailable("\(tool) (\(error))")
        }
        // The child has its own copy: ours closed, the pipe ends when the tool does.
        try? stdout.writer.close()
        let timedOut = TimeoutFlag()
        let watchdog = DispatchWorkItem {
            // Only when it was still running: a tool that ended just in time did not time out.
            if process.kill() { timedOut.set() }
        }
        DispatchQueue.global().asyncAfter(deadline: .now() + .seconds(timeoutSeconds), execute: watchdog)
        defer { watchdog.cancel() }
        let reader = stdout.reader
        do {
            while let chunk = try reader.read(upToCount: 64 * 1_024), !chunk.isEmpty {
                try chunk.withUnsafeBytes { try output($0) }
            }
        } catch {
            // Our side gave up (bad PCM, full disk): stop the tool before passing the error on (our
            // end of its output closed first, should it be blocked writing into it).
            try? reader.close()
            process.kill()
            _ = process.waitUntilExit()
            throw error
        }
        let ending = process.waitUntilExit()
        if timedOut.isSet { throw FFmpegError.timedOut(seconds: timeoutSeconds) }
        // Decoders log what they skip (a cut-off frame, a bad residual) and carry on; a file
        // with holes in it is refused rather than stored with them.
        let log = (try? String(contentsOf: errorLog, encoding: .utf8)) ?? ""
        guard ending == .exited(0), log.isEmpty else {
            throw FFmpegError.undecodable(Self.message(from: log, tool: tool, path: arguments.last { $0.hasPrefix("/") }))
        }
    }

    /// A pipe for a tool's output whose two ends are closed in every program this process starts
    /// (`O_CLOEXEC`); the tool gets its end as its standard output, which is not. A pipe that any
    /// other program started meanwhile inherited (one that closes nothing it is given, such as a
    /// daemon) would never end: the reader would wait for that program's exit after the tool's,
    /// and killing the tool on its timeout would not help.
    static func outputPipe() throws -> (reader: FileHandle, writer: FileHandle) {
        var ends: [Int32] = [0, 0]
        guard pipe2(&ends, O_CLOEXEC) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        return (FileHandle(fileDescriptor: ends[0], closeOnDealloc: true), FileHandle(fileDescriptor: ends[1], closeOnDealloc: true))
    }

    /// FFmpeg's first complaint, without its `[decoder @ 0x…]` prefix or our file's path.
    static func message(from log: String, tool: String, path: String?) -> String {
        guard var line = log.split(whereSeparator: \.isNewline).first.map(String.init) else { return "\(tool) failed" }
        if line.hasPrefix("["), let end = line.firstIndex(of: "]") {
            line = String(line[line.index(after: end)...]).trimmingCharacters(in: .whitespaces)
        }
        if let path { line = line.replacingOccurrences(of: path, with: "input") }
        return line
    }

    /// The tool's path, from `PATH` (or the usual places when `PATH` is unset).
    static func locate(_ tool: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(tool)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Set by the watchdog's timer when it killed the process, read once the process has ended.
    private final class TimeoutFlag: @unchecked Sendable {
        // Guarded by the lock: the timer's thread writes, the caller's thread reads.
        private let lock = NSLock()
        private var value = false

        func set() { lock.withLock { value = true } }
        var isSet: Bool { lock.withLock { value } }
    }
}

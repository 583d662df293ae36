import Foundation
import Testing
import TestSupport

/// The real server killed with SIGKILL while 16 uploads (WAV and WebM, various lengths) and a few
/// deletions are in flight, round after round, then restarted on the same media root and checked
/// against what the clients were told. `PARLONS_CRASH_ROUNDS` sets the rounds (the test suite runs
/// a short form; `Benchmarks/crash-safety` the long one and prints the same counts).
@Suite("Crash safety: SIGKILL under concurrent uploads", .serialized)
struct CrashSafetyTests {
    static let concurrentUploads = 16

    @Test("every 201 survives a SIGKILL whole, nothing unacknowledged leaves a row or a file")
    func killUnderLoad() async throws {
        let rounds = Int(ProcessInfo.processInfo.environment["PARLONS_CRASH_ROUNDS"] ?? "") ?? 4
        // ffmpeg encodes three files: on a thread of its own, not one async tests share.
        let inputs = try await onOwnThread { try CrashInputs.make() }
        let root = try ExternalTool.temporaryDirectory("parlons-crash")
        defer { try? FileManager.default.removeItem(at: root) }
        let ledger = CrashLedger()
        var server = try await ServerProcess.start(mediaRoot: root)
        for round in 1...rounds {
            let killAfter = Double.random(in: 0.5...4.0)
            let stopped = CrashFlag()
            let current = server
            await withTaskGroup(of: Void.self) { group in
                for worker in 0..<Self.concurrentUploads {
                    group.addTask {
                        await Self.keepUploading(server: current, round: round, worker: worker, inputs: inputs, ledger: ledger, stopped: stopped)
                    }
                }
                // A random moment, but not before this round has acknowledged a few uploads (so every
                // round checks fresh 201s, however slow the machine).
                let start = ContinuousClock.now, acknowledged = ledger.count(.acknowledged)
                while ContinuousClock.now - start < .seconds(killAfter) || ledger.count(.acknowledged) < acknowledged + 2 {
                    if ContinuousClock.now - start > .seconds(120) { break }
                    try? await Task.sleep(for: .milliseconds(20))
                }
                stopped.set()
                await current.kill()
            }
            try CrashChecks.afterKill(root: root, ledger: ledger)
            server = try await ServerProcess.start(mediaRoot: root)
            try await CrashChecks.afterRestart(server: server, ledger: ledger)
        }
        await server.stop()
        let summary = ledger.summary(rounds: rounds, concurrency: Self.concurrentUploads)
        print(summary)
        #expect(ledger.violations.isEmpty, "\(ledger.violations.joined(separator: "\n"))")
        #expect(ledger.count(.acknowledged) > 0, "no upload was acknowledged: \(summary)")
        #expect(ledger.integrityChecks == rounds)
    }

    /// One client: uploads (and now and then deletes) until the server is killed.
    static func keepUploading(server: ServerProcess, round: Int, worker: Int, inputs: CrashInputs, ledger: CrashLedger, stopped: CrashFlag) async {
        let client = server.client
        var serial = 0
        while !stopped.isSet {
            if Int.random(in: 0..<10) == 0, let victim = ledger.randomLiveRecording() {
                let outcome = await client.attempt("DELETE", "/api/recordings/\(victim)", body: [])
                ledger.recordDelete(victim, outcome: outcome)
                continue
            }
            serial += 1
            let title = "crash-\(round)-\(worker)-\(serial)"
            let input = inputs.files.randomElement()!
            let outcome = await client.attempt("POST", "/api/recordings?title=\(title)", body: input.bytes,
                                               pieceSize: Int.random(in: 8_192...65_536), pause: [0, 0.002, 0.02].randomElement()!)
            ledger.finished(title: title, outcome: outcome)
        }
    }
}

/// Set once the server is killed.
final class CrashFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    var isSet: Bool { lock.withLock { value } }
    func set() { lock.withLock { value = true } }
}

/// The upload bodies: WAV at several rates, channel counts and lengths, Chromium's WebM recording,
/// and WebM Opus files of other lengths made by FFmpeg.
struct CrashInputs: Sendable {
    struct File: Sendable {
        let kind: String
        let bytes: [UInt8]
    }

    let files: [File]

    static func make() throws -> CrashInputs {
        var files: [File] = []
        for (seconds, rate, channels) in [(0.3, 16_000, 1), (1.0, 48_000, 2), (2.5, 44_100, 1), (5.0, 16_000, 1), (9.0, 24_000, 2), (20.0, 8_000, 1)] {
            let signal = Signals.sweep(from: 200, to: 3_000, sampleRate: rate, seconds: seconds)
            files.append(File(kind: "wav", bytes: TestWAV.make(signal, sampleRate: rate, channels: channels)))
        }
        let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures")
        files.append(File(kind: "webm", bytes: [UInt8](try Data(contentsOf: fixtures.appendingPathComponent("chromium-webm-opus.webm")))))
        let scratch = try ExternalTool.temporaryDirectory("parlons-crash-inputs")
        defer { try? FileManager.default.removeItem(at: scratch) }
        for seconds in [1, 6, 15] {
            let file = scratch.appendingPathComponent("\(seconds).webm").path
            try ExternalTool.run("ffmpeg", ["-v", "error", "-f", "lavfi", "-i", "sine=frequency=330:sample_rate=48000:duration=\(seconds)",
                                            "-c:a", "libopus", "-b:a", "32k", "-y", file])
            files.append(File(kind: "webm", bytes: [UInt8](try Data(contentsOf: URL(fileURLWithPath: file)))))
        }
        return CrashInputs(files: files)
    }
}

import Foundation
import Testing
@testable import AudioCodec

/// The child processes the codec starts (FFmpeg's tools): only their three descriptors, whatever
/// this process holds, and an ending that says how they ended.
@Suite("Spawned processes")
struct SpawnedProcessTests {
    /// Runs `executable` to its end; its standard output and how it ended.
    static func run(_ executable: String, _ arguments: [String]) throws -> (output: String, ending: SpawnedProcess.Ending) {
        let pipe = Pipe()
        let process = try SpawnedProcess(executable: executable, arguments: arguments, stdout: pipe.fileHandleForWriting.fileDescriptor,
                                         stderr: FileHandle.standardError.fileDescriptor)
        try pipe.fileHandleForWriting.close()
        let output = String(decoding: try pipe.fileHandleForReading.readToEnd() ?? Data(), as: UTF8.self)
        return (output, process.waitUntilExit())
    }

    @Test("the child gets only its three descriptors, not this process's (one high-numbered here), closed without listing them")
    func onlyThreeDescriptors() throws {
        // One descriptor numbered past 1,400, not 1,400 open ones: the other tests of this process
        // still start programs with Foundation's Process, which lists them all and may crash.
        let null = open("/dev/null", O_RDONLY)
        try #require(null >= 0)
        let high = fcntl(null, F_DUPFD, 1_400)
        defer { close(high); close(null) }
        try #require(high >= 1_400, "the limit on open files is under 1,400 here")
        // ls lists its own directory's descriptor (3) besides the three it was given.
        let (output, ending) = try Self.run("/bin/ls", ["/proc/self/fd"])
        #expect(ending == .exited(0))
        #expect(output.split(separator: "\n") == ["0", "1", "2", "3"], "\(output.prefix(200))")
    }

    @Test("the exit status and the stopping signal come back as they were; standard input is empty")
    func endings() throws {
        #expect(try Self.run("/bin/sh", ["-c", "exit 3"]).ending == .exited(3))
        let read = try Self.run("/bin/sh", ["-c", "wc -c; echo done"])
        #expect(read.output == "0\ndone\n" && read.ending == .exited(0))
        let pipe = Pipe()
        // A program that catches SIGTERM, as FFmpeg's tools do, is stopped all the same.
        let sleeper = try SpawnedProcess(executable: "/bin/sh", arguments: ["-c", "trap '' TERM; exec sleep 30"],
                                         stdout: pipe.fileHandleForWriting.fileDescriptor, stderr: pipe.fileHandleForWriting.fileDescriptor)
        #expect(sleeper.kill())
        #expect(sleeper.waitUntilExit() == .signalled(SIGKILL))
        // Once it was waited for, its number may be another process's: nothing is sent.
        #expect(!sleeper.kill())
    }

    @Test("signals a server ignores (it takes SIGTERM its own way) are at their default in the child, none blocked")
    func signalsAtDefault() throws {
        // As ServiceLifecycle ignores SIGTERM in `parlons serve`, and a worker thread blocks signals;
        // SIGUSR2 here, which nothing in the tests uses, ignored and blocked on this thread.
        let previous = signal(SIGUSR2, SIG_IGN)
        var blocking = sigset_t(), before = sigset_t()
        sigemptyset(&blocking)
        sigaddset(&blocking, SIGUSR2)
        pthread_sigmask(SIG_BLOCK, &blocking, &before)
        defer {
            pthread_sigmask(SIG_SETMASK, &before, nil)
            signal(SIGUSR2, previous)
        }
        let (status, ending) = try Self.run("/bin/cat", ["/proc/self/status"])
        #expect(ending == .exited(0))
        let fields = Dictionary(status.split(separator: "\n").compactMap { line -> (String, String)? in
            let parts = line.split(separator: ":", maxSplits: 1)
            return parts.count == 2 ? (String(parts[0]), parts[1].trimmingCharacters(in: .whitespaces)) : nil
        }, uniquingKeysWith: { first, _ in first })
        // Signals 1–31 (bits 0–30); glibc keeps two real-time signals of its own (32, 33) as it wants them.
        let ignored = UInt64(fields["SigIgn"] ?? "", radix: 16), blocked = UInt64(fields["SigBlk"] ?? "", radix: 16)
        #expect(ignored.map { $0 & 0x7fff_ffff } == 0 && blocked.map { $0 & 0x7fff_ffff } == 0,
                "ignored \(fields["SigIgn"] ?? "-"), blocked \(fields["SigBlk"] ?? "-")")
    }

    @Test("a program that is not there is an error naming it")
    func missingProgram() throws {
        let error = #expect(throws: SpawnError.self) { try Self.run("/nonexistent/ffmpeg", []) }
        #expect(error?.description.contains("/nonexistent/ffmpeg") == true && error?.code == ENOENT, "\(String(describing: error))")
    }
}

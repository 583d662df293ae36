import Foundation
import Testing
@testable import AudioCodec

/// The pipe an FFmpeg tool writes its output into is never inherited by another program this
/// process starts meanwhile: such a program (a daemon that closes nothing) held its write end,
/// and the reader waited for it forever (a hung CI run, 2026-12-07: PostgreSQL, started by the
/// tests while a decode ran, held a decoder's pipe).
@Suite("FFmpeg's output pipe")
struct FFmpegOutputPipeTests {
    @Test("both ends are closed on exec, and a program started without closing anything does not get them")
    func notInherited() throws {
        let pipe = try FFmpegProcess.outputPipe()
        for end in [pipe.reader, pipe.writer] {
            #expect(fcntl(end.fileDescriptor, F_GETFD) & FD_CLOEXEC != 0)
        }
        var status = stat()
        try #require(fstat(pipe.reader.fileDescriptor, &status) == 0)
        // A careless start: posix_spawn with no file actions but the output, as the test harness
        // once started the database server.
        let listing = FileManager.default.temporaryDirectory.appendingPathComponent("parlons-fds-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: listing) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, listing.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let command: [String] = ["/bin/ls", "-l", "/proc/self/fd"]
        let arguments: [UnsafeMutablePointer<CChar>?] = command.map { strdup($0) } + [nil]
        defer { arguments.forEach { free($0) } }
        var pid = pid_t()
        try #require(posix_spawn(&pid, "/bin/ls", &actions, nil, arguments, environ) == 0)
        var ending: Int32 = 0
        while waitpid(pid, &ending, 0) == -1 && errno == EINTR {}
        #expect(ending == 0)
        let text = try String(contentsOf: listing, encoding: .utf8)
        #expect(text.contains("/proc/"), "the listing: \(text.prefix(300))")
        #expect(!text.contains("pipe:[\(status.st_ino)]"), "the child holds the pipe: \(text.prefix(600))")
        // Control: a plain pipe is inherited by the same start, so the test can fail.
        let plain = Pipe()
        var plainStatus = stat()
        try #require(fstat(plain.fileHandleForReading.fileDescriptor, &plainStatus) == 0)
        var again = pid_t()
        try #require(posix_spawn(&again, "/bin/ls", &actions, nil, arguments, environ) == 0)
        while waitpid(again, &ending, 0) == -1 && errno == EINTR {}
        #expect(try String(contentsOf: listing, encoding: .utf8).contains("pipe:[\(plainStatus.st_ino)]"))
    }
}

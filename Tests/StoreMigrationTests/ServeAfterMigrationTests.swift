import Foundation
import Storage
import TestSupport
import Testing

/// The point of moving: `parlons serve` started on PostgreSQL and the bucket answers as it did on
/// the media root, to the same token.
@Suite("Serving a moved library")
struct ServeAfterMigrationTests {
    /// The binary with the moto server's credentials in its environment (as an operator sets them),
    /// its output and errors in one text. On a thread of its own: the move takes seconds, which
    /// must not hold one of the few threads async tests share.
    static func migrate(_ arguments: [String], environment: [String: String]) async throws -> (status: Int32, output: String) {
        try await onOwnThread {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: ServerProcess.binaryPath)
            process.arguments = ["migrate-store"] + arguments
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
            let output = Pipe()
            process.standardOutput = output
            process.standardError = output
            try process.run()
            let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            return (process.terminationStatus, text)
        }
    }

    /// What a trainer's token gets: the recordings list and searches.
    static func answers(_ server: ServerProcess, token: String) async throws -> [String] {
        let client = server.client(token: token)
        var answers: [String] = []
        for path in ["/api/recordings?limit=50", "/api/search?q=ecole", "/api/search?q=march%C3%A9%20sam", "/api/auth/me"] {
            let response = try await client.get(path)
            #expect(response.status == 200, "\(path): \(response.text)")
            answers.append(response.text)
        }
        return answers
    }

    @Test("the same token gets the same recordings and search results from serve on PostgreSQL and S3")
    func servesTheSameLibrary() async throws {
        let parent = try ExternalTool.temporaryDirectory("parlons-migration-serve")
        defer { try? FileManager.default.removeItem(at: parent) }
        let library = try await CentreLibrary(under: parent, recordings: 3)
        let before: [String]
        do {
            let server = try await ServerProcess.start(mediaRoot: library.root, bootstrapAdmin: false)
            defer { server.stop() }
            before = try await Self.answers(server, token: library.token)
        }
        let destination = try await Destination.make(staging: parent.appendingPathComponent("staging"))
        let moto = try await MotoServer.shared()
        let environment = ["AWS_ACCESS_KEY_ID": moto.accessKeyID, "AWS_SECRET_ACCESS_KEY": moto.secretAccessKey]
        let run = try await Self.migrate(["--from", library.root.path, "--to", destination.databaseURL, "--blobs", destination.blobsURL],
                                         environment: environment)
        #expect(run.status == 0 && run.output.contains("rows the same on both sides"), "\(run.output)")

        // A node of the network: an empty folder for staging, everything else on the engines.
        let node = try await ServerProcess.start(mediaRoot: parent.appendingPathComponent("node", isDirectory: true),
                                     arguments: ["--database", destination.databaseURL, "--blobs", destination.blobsURL],
                                     environment: environment, bootstrapAdmin: false)
        defer { node.stop() }
        let after = try await Self.answers(node, token: library.token)
        #expect(after == before)
        #expect(before[0].contains(library.recordings[0].id) && before[1].contains("recordingId"))
    }
}

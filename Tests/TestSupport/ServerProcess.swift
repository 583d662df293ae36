import Foundation

/// The real `parlons serve` binary, started on a free loopback port with its own media root.
public final class ServerProcess: @unchecked Sendable {
    public let mediaRoot: URL
    public private(set) var port = 0
    private let process = Process()
    private let output = Pipe()
    private let serverLog = ServerLog()

    /// What the server printed so far.
    public var log: String { serverLog.text }

    public enum Failure: Error, CustomStringConvertible {
        case binaryMissing(String), didNotStart(String)
        public var description: String {
            switch self {
            case .binaryMissing(let path): "parlons binary not found at \(path): build it first (the README's test command does)"
            case .didNotStart(let log): "parlons did not start: \(log)"
            }
        }
    }

    /// The `parlons` executable built next to the test bundle.
    public static var binaryPath: String {
        let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        return bundle.appendingPathComponent("parlons").path
    }

    /// A bearer token of the admin `tester`, made with the CLI before the server started.
    public private(set) var adminToken: String?
    /// The first-run sign-in link path the server printed (only on an empty database).
    public private(set) var firstRunLink: String?

    /// Starts a server on `mediaRoot` (a new temporary folder when nil) and waits until it listens.
    /// With `bootstrapAdmin`, an admin `tester` and a token for them are made first with the CLI
    /// (`parlons user add`, `parlons token create`), as a set-up script would.
    /// `startTimeout` bounds the wait for the listening line (start-up work such as importing the
    /// shipped scenarios' audio the first time happens before it).
    /// `library`: the engines it keeps its rows and blobs in (the media root then only stages
    /// uploads); the embedded default when nil.
    public init(mediaRoot: URL? = nil, library: LiveLibrary? = nil, arguments: [String] = [], environment: [String: String] = [:],
                bootstrapAdmin: Bool = true, startTimeout: TimeInterval = 30) throws {
        self.mediaRoot = try mediaRoot ?? ExternalTool.temporaryDirectory("parlons-server")
        guard FileManager.default.isExecutableFile(atPath: Self.binaryPath) else { throw Failure.binaryMissing(Self.binaryPath) }
        let stores = library?.arguments ?? []
        let environment = (library?.environment ?? [:]).merging(environment) { $1 }
        if bootstrapAdmin {
            let media = ["--media", self.mediaRoot.path] + stores
            let existing = try ExternalTool.run(Self.binaryPath, ["user", "add", "--name", "tester", "--role", "admin"] + media,
                                                requireSuccess: false, environment: environment)
            guard existing.status == 0 || existing.stderr.contains("taken") else { throw Failure.didNotStart(existing.stderr) }
            adminToken = try ExternalTool.run(Self.binaryPath, ["token", "create", "--user", "tester"] + media, environment: environment).stdout
                .trimmingCharacters(in: .whitespacesAndNewlines)
        }
        process.executableURL = URL(fileURLWithPath: Self.binaryPath)
        // No shipped scenarios unless a test asks for them (`--scenarios DIR` later wins).
        process.arguments = ["serve", "--port", "0", "--media", self.mediaRoot.path, "--log-level", "warning", "--scenarios", "none"]
            + stores + arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardOutput = output
        process.standardError = output
        try process.run()
        var log = ""
        let deadline = Date().addingTimeInterval(startTimeout)
        while Date() < deadline {
            let data = output.fileHandleForReading.availableData
            if data.isEmpty { break }
            log += String(decoding: data, as: UTF8.self)
            if let range = log.range(of: #"listening on http://127\.0\.0\.1:(\d+)"#, options: .regularExpression) {
                port = Int(log[range].split(separator: ":").last!)!
                if let link = log.range(of: #"/api/auth/link\?token=[A-Za-z0-9_-]+"#, options: .regularExpression) {
                    firstRunLink = String(log[link])
                }
                serverLog.append(log)
                serverLog.drain(output.fileHandleForReading)
                return
            }
        }
        process.terminate()
        throw Failure.didNotStart(log)
    }

    /// ``init(mediaRoot:library:arguments:environment:bootstrapAdmin:startTimeout:)`` on a thread of
    /// its own: its start-up blocks for seconds (the CLI's `user add` and `token create`, then
    /// waiting for the listening line), and blocking the few threads async tests share holds up
    /// every other test's sleeps and answers.
    public static func start(mediaRoot: URL? = nil, library: LiveLibrary? = nil, arguments: [String] = [],
                             environment: [String: String] = [:], bootstrapAdmin: Bool = true,
                             startTimeout: TimeInterval = 30) async throws -> ServerProcess {
        try await onOwnThread {
            try ServerProcess(mediaRoot: mediaRoot, library: library, arguments: arguments, environment: environment,
                              bootstrapAdmin: bootstrapAdmin, startTimeout: startTimeout)
        }
    }

    /// A client without credentials.
    public var anonymous: HTTPTestClient { HTTPTestClient(port: port) }

    /// A client signed in as the bootstrap admin (bearer token).
    public var client: HTTPTestClient {
        HTTPTestClient(port: port, headers: adminToken.map { [("Authorization", "Bearer \($0)")] } ?? [])
    }

    /// A client with a bearer token.
    public func client(token: String) -> HTTPTestClient { HTTPTestClient(port: port, headers: [("Authorization", "Bearer \(token)")]) }

    /// Stops the server the polite way (SIGTERM) and waits for it.
    public func stop() {
        guard process.isRunning else { return }
        process.terminate()
        process.waitUntilExit()
    }

    /// Kills the server with SIGKILL, as a crash or power cut would.
    public func kill() {
        guard process.isRunning else { return }
        Foundation.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// ``stop()`` for async code (Swift picks it there; a `defer` cannot await and keeps the blocking
    /// one): the wait for the exit runs on a thread of its own, not on one of the few async tests share.
    public func stop() async {
        await onOwnThread { self.stop() }
    }

    /// ``kill()`` for async code, the wait on a thread of its own (as ``stop()``'s).
    public func kill() async {
        await onOwnThread { self.kill() }
    }

    public var isRunning: Bool { process.isRunning }

    deinit { kill() }

    /// Deletes the media root (call when the test is done with it).
    public func removeMediaRoot() { try? FileManager.default.removeItem(at: mediaRoot) }
}

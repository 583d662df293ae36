import ArgumentParser
import Foundation
import Hummingbird
import Logging
import Services
import SyncClient
import WebAPI

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "serve", abstract: "Run the HTTP server.")

    @Option(name: .long, help: "Address to listen on. [env: PARLONS_HOST] (default: 127.0.0.1)")
    var host: String?

    @Option(name: .long, help: "Port to listen on; 0 picks a free one. [env: PARLONS_PORT] (default: 8080)")
    var port: Int?

    @Option(name: .long, help: "Largest upload in bytes. [env: PARLONS_MAX_UPLOAD] (default: 536870912)")
    var maxUpload: Int?

    @Option(name: .long, help: "Log level: trace, debug, info, notice, warning, error. [env: PARLONS_LOG_LEVEL] (default: info)")
    var logLevel: String?

    @Option(name: .long, help: "Speech loudness target in LUFS, or 'off'. [env: PARLONS_LOUDNESS_TARGET] (default: -18)")
    var loudnessTarget: String?

    @Option(name: .long, help: "Seconds a connection may send nothing before it is closed (stalled uploads store nothing). [env: PARLONS_READ_TIMEOUT] (default: 60)")
    var readTimeout: Double?

    @Option(name: .long, help: "Megabytes of memory for serving stored audio files from RAM, 0 for none. [env: PARLONS_MEDIA_CACHE_MB] (default: 64)")
    var mediaCache: Int?

    @Option(name: .long, help: "Threads for CPU-heavy work (encoding uploads, decoding WAV answers, alignment). [env: PARLONS_WORK_THREADS] (default: one per core)")
    var workThreads: Int?

    @Option(name: .long, help: "Requests with heavy work that may wait for those threads; more get 503. [env: PARLONS_WORK_QUEUE] (default: 64)")
    var workQueue: Int?

    @Flag(name: .long, help: "Served over TLS: mark cookies Secure, and take https as the server's own origin. [env: PARLONS_SECURE_COOKIES=1]")
    var secureCookies = false

    @Option(name: .long, help: "Folder of shipped scenarios, or 'none'. [env: PARLONS_SCENARIOS] (default: ./Scenarios)")
    var scenarios: String?

    @Option(name: .long, help: "Folder the scenarios' media paths are in, apart from the media root's stores. [env: PARLONS_SCENARIO_MEDIA] (default: ./media/scenarios)")
    var scenarioMedia: String?

    @Option(name: .long, help: "With --blobs: seconds an unreferenced object or unfinished multipart upload is spared by start-up recovery, as another node's upload in flight may be one; longer than the longest upload. [env: PARLONS_SWEEP_GRACE] (default: 3600)")
    var sweepGrace: Int?

    @Option(name: .long, help: "With --blobs: answer GET /media/ID.opus of public audio with a redirect to a presigned URL of its object, valid this many seconds (60-604800), so the object store sends the bytes; 0: off. [env: PARLONS_PUBLIC_REDIRECT] (default: 0)")
    var publicRedirect: Int?

    @Option(name: .long, help: "Exchange with the paired servers over HTTP every this many seconds (pairs given --peer); 0: off. [env: PARLONS_SYNC_EVERY] (default: 0)")
    var syncEvery: Int?

    @OptionGroup var store: StoreOptions

    func run() async throws {
        var logger = Logger(label: "parlons")
        let level = logLevel ?? Environment.value("PARLONS_LOG_LEVEL") ?? "info"
        guard let parsed = Logger.Level(rawValue: level) else { throw ValidationError("unknown log level \(level)") }
        logger.logLevel = parsed
        var configuration = ServerConfiguration(
            host: host ?? Environment.value("PARLONS_HOST") ?? "127.0.0.1",
            port: try port ?? Environment.integer("PARLONS_PORT") ?? 8080,
            encoderSettings: try store.encoderSettings(),
            maxUploadBytes: try maxUpload ?? Environment.integer("PARLONS_MAX_UPLOAD") ?? ServerConfiguration.defaultMaxUploadBytes,
            secureCookies: secureCookies || Environment.value("PARLONS_SECURE_COOKIES") == "1"
        )
        let scenarioFolder = scenarios ?? Environment.value("PARLONS_SCENARIOS") ?? "Scenarios"
        configuration.scenariosDirectory = scenarioFolder == "none" ? nil : URL(fileURLWithPath: scenarioFolder, isDirectory: true)
        if let folder = scenarioMedia ?? Environment.value("PARLONS_SCENARIO_MEDIA") {
            configuration.scenarioMediaDirectory = URL(fileURLWithPath: folder, isDirectory: true)
        }
        let timeout = try readTimeout ?? Environment.integer("PARLONS_READ_TIMEOUT").map(Double.init) ?? ServerConfiguration.defaultReadTimeoutSeconds
        guard timeout > 0 else { throw ValidationError("--read-timeout: a number of seconds above 0") }
        configuration.readTimeoutSeconds = timeout
        let cacheMegabytes = try mediaCache ?? Environment.integer("PARLONS_MEDIA_CACHE_MB") ?? ServerConfiguration.defaultMediaCacheBytes / 1_048_576
        guard (0...65_536).contains(cacheMegabytes) else { throw ValidationError("--media-cache: megabytes from 0 to 65536") }
        configuration.mediaCacheBytes = cacheMegabytes * 1_048_576
        let threads = try workThreads ?? Environment.integer("PARLONS_WORK_THREADS") ?? ServerConfiguration.defaultWorkThreads
        guard (1...1_024).contains(threads) else { throw ValidationError("--work-threads: a number of threads from 1 to 1024") }
        configuration.workThreads = threads
        let queue = try workQueue ?? Environment.integer("PARLONS_WORK_QUEUE") ?? ServerConfiguration.defaultWorkQueueLength
        guard (0...100_000).contains(queue) else { throw ValidationError("--work-queue: a number of requests from 0 to 100000") }
        configuration.workQueueLength = queue
        let target = loudnessTarget ?? Environment.value("PARLONS_LOUDNESS_TARGET") ?? "-18"
        if target == "off" {
            configuration.loudnessTarget = nil
        } else {
            guard let value = Double(target), (-40 ... -5).contains(value) else {
                throw ValidationError("--loudness-target: a LUFS value from -40 to -5, or 'off'")
            }
            configuration.loudnessTarget = value
        }
        let redirect = try publicRedirect ?? Environment.integer("PARLONS_PUBLIC_REDIRECT") ?? 0
        guard redirect == 0 || (60...604_800).contains(redirect) else {
            throw ValidationError("--public-redirect: 0, or seconds from 60 to 604800 (a presigned URL lives a week at most)")
        }
        guard redirect == 0 || store.blobLocation != nil else {
            throw ValidationError("--public-redirect: only with --blobs (the media folder has no URLs of its own)")
        }
        configuration.publicRedirectSeconds = redirect
        let grace = try sweepGrace ?? Environment.integer("PARLONS_SWEEP_GRACE") ?? 3_600
        guard grace >= 0 else { throw ValidationError("--sweep-grace: a number of seconds, 0 or more") }
        let syncSeconds = try syncEvery ?? Environment.integer("PARLONS_SYNC_EVERY") ?? 0
        guard syncSeconds >= 0 else { throw ValidationError("--sync-every: a number of seconds, 0 (off) or more") }
        configuration.syncDirectory = store.mediaRoot.appendingPathComponent("sync", isDirectory: true)
        let host = configuration.host
        do {
            try ScenarioMediaFolder(root: configuration.scenarioMediaDirectory)
                .checkApart(fromMediaRoot: store.mediaRoot, databasePath: store.databaseFilePath)
            let stores = try await store.stores(sweepGrace: .seconds(grace))
            let app = try await buildApplication(configuration: configuration, stores: stores, passwords: .bcrypt,
                                               logger: logger) { started in
                if let link = started.firstRunLinkPath {
                    let message = "parlons: first run: an admin named 'admin' was created. Sign in once, within 24 hours, with\n"
                        + "parlons:   http://\(host):\(started.port)\(link)\n"
                        + "parlons: then set a password (PUT /api/people/ID/password) or run `parlons token create --user admin`.\n"
                    FileHandle.standardOutput.write(Data(message.utf8))
                }
                // One line on stdout that scripts and tests wait for.
                FileHandle.standardOutput.write(Data("parlons: listening on http://\(host):\(started.port)\n".utf8))
            }
            // Exchanges with paired servers run beside serving; a failed one waits for the next tick.
            let syncing = syncSeconds == 0 ? nil : Task {
                await PeriodicSync(service: SyncService(stores: stores), folder: configuration.syncDirectory, interval: .seconds(syncSeconds),
                                   logger: logger).run()
            }
            defer { syncing?.cancel() }
            try await app.runService()
        } catch {
            logger.critical("parlons cannot run: \(error)")
            throw ExitCode(1)
        }
    }
}

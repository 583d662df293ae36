import Foundation
import Hummingbird
import HummingbirdAuth
import Logging
import NIOCore
import Services
import Storage

/// The version the server reports.
public let parlonsVersion = "0.1.0"

/// What the server tells its starter once it listens.
public struct ServerStarted: Sendable {
    /// The bound port (useful with port 0).
    public let port: Int
    /// On a fresh install: the path (with its one-time token) that signs the first admin in.
    public let firstRunLinkPath: String?
}

/// Recovers the stores from any crash, creates the first admin on an empty database, and builds
/// the HTTP application serving it all.
public func buildApplication(
    configuration: ServerConfiguration,
    stores: Stores,
    passwords: PasswordHashing,
    logger: Logger = Logger(label: "parlons"),
    onServerRunning: @escaping @Sendable (ServerStarted) async -> Void = { _ in }
) async throws -> some ApplicationProtocol {
    let library = RecordingLibrary(stores: stores)
    let report = try await library.recover()
    if report.unfinishedWritesRemoved + report.orphanBlobsRemoved > 0 {
        logger.notice("recovery removed \(report.unfinishedWritesRemoved) unfinished uploads and \(report.orphanBlobsRemoved) orphan files")
    }
    // Uploads from the paired server left unfinished long ago will not be continued.
    SyncTransfers(service: SyncService(stores: stores), folder: configuration.syncDirectory).sweepStaging()
    let firstRunLink = try await SignInService(stores: stores, passwords: passwords, limits: configuration.signInLimits).prepareFirstRun()
    let scenarios = ScenarioSetup(library: library, configuration: configuration)
    let scenarioProblems = try await scenarios.seed(logger: logger)
    let sessions = SessionPersistDriver(store: stores.sessions)
    let router = buildRouter(library: library, configuration: configuration, passwords: passwords, sessions: sessions,
                             scenarioProblems: scenarioProblems)
    var app = Application(
        router: router,
        // Slow-loris headers, stalled uploads and idle keep-alive connections are cut off by our own
        // read timeout (Hummingbird's idle timeout also cut uploads the server was too busy to read).
        server: .http1(configuration: .init(
            additionalChannelHandlers: [ReadTimeoutHandler(timeout: .milliseconds(Int64(configuration.readTimeoutSeconds * 1_000))),
                                        MalformedRequestResponder()]
        )),
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "Parlons/\(parlonsVersion)"),
        onServerRunning: { channel in
            await onServerRunning(ServerStarted(port: channel.localAddress?.port ?? configuration.port, firstRunLinkPath: firstRunLink))
        },
        logger: logger
    )
    app.addServices(sessions)
    return app
}

/// The routes, with JSON errors, sessions and authentication everywhere: every request, public
/// audio included, passes the same middleware.
public func buildRouter(library: RecordingLibrary, configuration: ServerConfiguration, passwords: PasswordHashing, sessions: some PersistDriver,
                        scenarioProblems: [ScenarioFileProblem] = []) -> Router<ParlonsRequestContext> {
    let router = Router(context: ParlonsRequestContext.self, options: .autoGenerateHeadEndpoints)
    let stores = library.stores
    let audioFiles = OpusFileCache(capacityBytes: configuration.mediaCacheBytes)
    let work = HeavyWorkPool(threads: configuration.workThreads, queueLength: configuration.workQueueLength)
    router.add(middleware: SecurityHeadersMiddleware())
    router.add(middleware: APIErrorMiddleware())
    router.add(middleware: RequestLogMiddleware())
    router.add(middleware: PathCheckMiddleware())
    // Inside the error middleware, outside the routes: a file is looked for only when no route matched.
    router.add(middleware: ClientFiles.middleware())
    router.add(middleware: SessionMiddleware(storage: sessions, configuration: .init(
        sessionCookieParameters: .init(name: "parlons_session", path: "/", secure: configuration.secureCookies, sameSite: .lax),
        keyPrefix: "session.", defaultSessionExpiration: configuration.signInLimits.sessionLifetime
    )))
    router.add(middleware: AuthenticationMiddleware(sessions: SessionService(stores: stores), scheme: configuration.secureCookies ? "https" : "http"))
    router.get("/healthz") { _, _ in HealthResponse(status: "ok", version: parlonsVersion) }
    APIDescription.addRoute(to: router)
    let recordings = RecordingsController(library: library, configuration: configuration, work: work)
    recordings.addRoutes(to: router)
    let media = MediaController(library: library, fileCache: audioFiles, work: work,
                                publicRedirectSeconds: configuration.publicRedirectSeconds)
    media.addRoutes(to: router)
    let people = PeopleService(stores: stores, passwords: passwords)
    AuthController(service: SignInService(stores: stores, passwords: passwords, limits: configuration.signInLimits)).addRoutes(to: router)
    PeopleController(service: people).addRoutes(to: router)
    GroupsController(stores: stores).addRoutes(to: router)
    GroupSyncController(stores: stores).addRoutes(to: router)
    NetworksController(stores: stores).addRoutes(to: router)
    MentoringController(stores: stores).addRoutes(to: router)
    TokensController(stores: stores).addRoutes(to: router)
    KioskController(stores: stores).addRoutes(to: router)
    PicturesController(service: PhotoService(library: library), people: people, groups: GroupService(stores: stores)).addRoutes(to: router)
    SpokenNamesController(library: library, configuration: configuration, work: work, media: media, people: people).addRoutes(to: router)
    SearchController(library: library).addRoutes(to: router)
    let exercises = ExercisesController(library: library, recordings: recordings)
    exercises.addRoutes(to: router)
    AttemptsController(library: library).addRoutes(to: router)
    ProgressController(library: library).addRoutes(to: router)
    ScenarioSetup(library: library, configuration: configuration).controller(problems: scenarioProblems).addRoutes(to: router)
    LabelsController(library: library, configuration: configuration, work: work).addRoutes(to: router)
    SyncController(transfers: SyncTransfers(service: SyncService(stores: stores), folder: configuration.syncDirectory)).addRoutes(to: router)
    ClientFiles.addPageRoutes(to: router)
    for (path, methods) in RouteTable.allowedMethods {
        router.refuseOtherMethods(on: RouterPath(path), allowed: methods)
    }
    return router
}

/// Every path the API serves and its methods: the 405 answers are built from it, and tests check
/// it against the router.
public enum RouteTable {
    public static let allowedMethods: [(String, [HTTPRequest.Method])] = [
        ("/healthz", [.get]),
        ("/", [.get]),
        ("/kiosk", [.get]),
        ("/trainer", [.get]),
        ("/sw.js", [.get]),
        ("/api/openapi.yaml", [.get]),
        ("/api/recordings", [.get, .post]),
        ("/api/recordings/{id}", [.get, .patch, .delete]),
        ("/api/recordings/{id}/withdraw", [.post]),
        ("/api/recordings/{id}/consent", [.post]),
        ("/api/recordings/{id}/consents", [.get]),
        ("/api/recordings/{id}/peaks.json", [.get]),
        ("/api/recordings/{id}/peaks.dat", [.get]),
        ("/api/recordings/{id}/transcripts", [.get]),
        ("/api/recordings/{id}/transcripts/{lang}", [.get, .put, .delete]),
        ("/api/recordings/{id}/transcripts/{lang}/revisions", [.get]),
        ("/api/recordings/{id}/transcripts/{lang}/timings", [.patch]),
        ("/api/recordings/{id}/transcripts/{lang}/align", [.post]),
        ("/api/recordings/{id}/exercises/{kind}", [.get]),
        ("/api/attempts", [.post]),
        ("/api/attempts/{id}", [.get]),
        ("/api/people/{id}/progress", [.get]),
        ("/api/people/{id}/progress/{recordingId}", [.put]),
        ("/api/groups/{id}/progress", [.get]),
        ("/api/search", [.get]),
        ("/api/scenarios", [.get, .post]),
        ("/api/scenarios/problems", [.get]),
        ("/api/scenarios/{slug}", [.get, .put, .patch]),
        ("/api/scenarios/{slug}/revisions", [.get]),
        ("/api/scenarios/{slug}/revisions/{number}", [.get]),
        ("/api/scenarios/{slug}/diff", [.get]),
        ("/api/scenarios/{slug}/revert", [.post]),
        ("/api/scenarios/{slug}/copy", [.post]),
        ("/api/scenarios/{slug}/picture", [.get]),
        ("/api/scenarios/{slug}/steps/{step}/done", [.post]),
        ("/media/{file}", [.get]),
        ("/api/sync/{group}/bundles/{name}", [.head, .patch]),
        ("/api/sync/{group}/outbox", [.post]),
        ("/api/sync/{group}/outbox/{name}", [.get]),
        ("/api/auth/password", [.post]),
        ("/api/auth/picture", [.post]),
        ("/api/auth/signout", [.post]),
        ("/api/auth/me", [.get]),
        ("/api/auth/link", [.get]),
        ("/api/signin/pictures", [.get]),
        ("/api/signin/groups", [.get]),
        ("/api/signin/groups/{id}/learners", [.get]),
        ("/api/people", [.get, .post]),
        ("/api/people/{id}", [.get, .patch, .delete]),
        ("/api/people/{id}/password", [.put]),
        ("/api/people/{id}/picture-code", [.put]),
        ("/api/people/{id}/unlock", [.post]),
        ("/api/people/{id}/sign-in-attempts", [.get]),
        ("/api/people/{id}/avatar", [.get, .put, .delete]),
        ("/api/people/{id}/name", [.get, .put, .delete]),
        ("/api/groups/{id}/picture", [.get, .put, .delete]),
        ("/api/groups", [.get, .post]),
        ("/api/groups/{id}", [.get, .patch, .delete]),
        ("/api/groups/{id}/members", [.get, .post]),
        ("/api/groups/{id}/members/{personId}", [.delete]),
        ("/api/networks", [.get, .post]),
        ("/api/networks/{id}", [.delete]),
        ("/api/networks/{id}/groups", [.post]),
        ("/api/networks/{id}/groups/{groupId}", [.delete]),
        ("/api/mentoring-pairs", [.get, .post]),
        ("/api/mentoring-pairs/{id}", [.get, .patch, .delete]),
        ("/api/tokens", [.get, .post]),
        ("/api/tokens/{id}", [.delete]),
        ("/api/kiosks", [.get, .post]),
        ("/api/kiosks/{id}", [.delete]),
        ("/api/kiosk", [.get]),
        ("/api/kiosk/exchange", [.get]),
        ("/api/groups/{id}/sync", [.get, .post]),
        ("/api/sync-pairings", [.post]),
        ("/api/labels/{lang}", [.get]),
        ("/api/labels/{lang}/{key}", [.put, .delete]),
    ]
}

struct HealthResponse: ResponseEncodable {
    let status: String
    let version: String
}

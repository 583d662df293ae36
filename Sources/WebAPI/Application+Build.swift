import Foundation
import Hummingbird
import Logging
import NIOCore
import Storage

/// The version the server reports.
public let parlonsVersion = "0.1.0"

/// Opens the store (recovering from any crash), and builds the HTTP application serving it.
///
/// - Parameter onServerRunning: called with the bound port once the server listens (useful with port 0).
public func buildApplication(
    configuration: ServerConfiguration,
    logger: Logger = Logger(label: "parlons"),
    onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
) async throws -> some ApplicationProtocol {
    let library = try RecordingLibrary.open(root: configuration.mediaRoot, databasePath: configuration.databasePath)
    let report = try await library.recover()
    if report.unfinishedWritesRemoved + report.orphanBlobsRemoved > 0 {
        logger.notice("recovery removed \(report.unfinishedWritesRemoved) unfinished uploads and \(report.orphanBlobsRemoved) orphan files")
    }
    let router = buildRouter(library: library, configuration: configuration)
    return Application(
        router: router,
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "Parlons/\(parlonsVersion)"),
        onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? configuration.port) },
        logger: logger
    )
}

/// The routes, with JSON errors everywhere.
public func buildRouter(library: RecordingLibrary, configuration: ServerConfiguration) -> Router<ParlonsRequestContext> {
    let router = Router(context: ParlonsRequestContext.self, options: .autoGenerateHeadEndpoints)
    router.add(middleware: APIErrorMiddleware())
    router.add(middleware: LogRequestsMiddleware(.debug))
    router.get("/healthz") { _, _ in HealthResponse(status: "ok", version: parlonsVersion) }
    RecordingsController(library: library, configuration: configuration).addRoutes(to: router)
    MediaController(library: library).addRoutes(to: router)
    router.refuseOtherMethods(on: "/healthz", allowed: [.get])
    router.refuseOtherMethods(on: "/api/recordings", allowed: [.get, .post])
    router.refuseOtherMethods(on: "/api/recordings/{id}", allowed: [.get, .patch, .delete])
    router.refuseOtherMethods(on: "/media/{file}", allowed: [.get])
    return router
}

struct HealthResponse: ResponseEncodable {
    let status: String
    let version: String
}
